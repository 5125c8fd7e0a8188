import asyncssh
import paramiko


def run_remote(host, cmd):
    client = paramiko.SSHClient()
    # ruleid: python-ssh-host-key-unverified
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host, username="deploy")
    return client.exec_command(cmd)


def run_remote_checked(host, cmd):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    # ok: python-ssh-host-key-unverified
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(host, username="deploy")
    return client.exec_command(cmd)


def warn_only(client):
    # ruleid: python-ssh-host-key-unverified
    client.set_missing_host_key_policy(paramiko.WarningPolicy)


async def fetch(host):
    # ruleid: python-ssh-host-key-unverified
    async with asyncssh.connect(host, known_hosts=None) as conn:
        return await conn.run("uptime")


async def fetch_checked(host):
    # ok: python-ssh-host-key-unverified
    async with asyncssh.connect(host, known_hosts="/etc/ssh/ssh_known_hosts") as conn:
        return await conn.run("uptime")
