import socket
import ssl

from OpenSSL import SSL


def legacy_client(host):
    # ruleid: python-ssl-weak-protocol
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    return ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)


def modern_client(host):
    # ok: python-ssl-weak-protocol
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # ok: python-ssl-weak-protocol
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)


def permissive_server():
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    # ruleid: python-ssl-weak-protocol
    ctx.minimum_version = ssl.TLSVersion.TLSv1
    return ctx


def pyopenssl_ctx():
    # ruleid: python-ssl-weak-protocol
    return SSL.Context(SSL.SSLv3_METHOD)


def pyopenssl_ok():
    # ok: python-ssl-weak-protocol
    return SSL.Context(SSL.TLS_METHOD)
