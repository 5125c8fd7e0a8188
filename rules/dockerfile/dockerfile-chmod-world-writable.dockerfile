FROM python:3.12-slim
# ruleid: dockerfile-chmod-world-writable
RUN mkdir -p /app/uploads && chmod -R 777 /app/uploads
# ruleid: dockerfile-chmod-world-writable
RUN chmod 0666 /etc/app/config.ini
# ruleid: dockerfile-chmod-world-writable
RUN chmod a+rwx /usr/local/bin/entrypoint.sh
# ok: dockerfile-chmod-world-writable
RUN chmod 1777 /tmp/shared
# ok: dockerfile-chmod-world-writable
RUN chmod -R 755 /app && chmod +x /usr/local/bin/entrypoint.sh
# ok: dockerfile-chmod-world-writable
RUN chmod g+w /app/uploads && chmod 640 /etc/app/config.ini
USER 10001
