FROM ubuntu:24.04
# ruleid: dockerfile-curl-pipe-shell
RUN curl -fsSL https://get.example.com/install.sh | sh
# ruleid: dockerfile-curl-pipe-shell
RUN apt-get update && apt-get install -y curl && curl -sL https://deb.example.com/setup_20.x \
    | sudo -E bash -
# ruleid: dockerfile-curl-pipe-shell
RUN ["/bin/sh", "-c", "wget -qO- http://example.com/bootstrap | /bin/bash"]
# ruleid: dockerfile-curl-pipe-shell
RUN curl -sSL https://bootstrap.example.com/get-pip.py | python3
# ruleid: dockerfile-curl-pipe-shell
RUN bash -c "$(curl -fsSL https://example.com/install.sh)"
# ok: dockerfile-curl-pipe-shell
RUN curl -fsSLo install.sh https://get.example.com/install.sh \
    && echo "0b5c8f1d5e0b7f6a2cbd3f9b1a8e4d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e  install.sh" | sha256sum -c - \
    && sh install.sh
# ok: dockerfile-curl-pipe-shell
RUN curl -fsSL https://example.com/release.tar.gz | tar -xz -C /opt
# ok: dockerfile-curl-pipe-shell
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
USER 10001
