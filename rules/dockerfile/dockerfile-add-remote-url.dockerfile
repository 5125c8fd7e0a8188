FROM alpine:3.20
# ruleid: dockerfile-add-remote-url
ADD https://github.com/example/tool/releases/download/v1.2.0/tool.tar.gz /opt/
# ruleid: dockerfile-add-remote-url
ADD --chown=app:app http://downloads.example.com/agent.jar /opt/agent.jar
# ok: dockerfile-add-remote-url
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://github.com/example/tool/releases/download/v1.2.0/tool.tar.gz /opt/
# ok: dockerfile-add-remote-url
ADD vendor/tool.tar.gz /opt/
# ok: dockerfile-add-remote-url
COPY https-proxy.conf /etc/proxy.conf
USER 10001
