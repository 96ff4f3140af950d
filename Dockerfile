# copydesk worker image. Build: docker build -t copydesk .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# Dependencies first (pinned by the lock file) so code changes do not reinstall torch.
COPY pyproject.toml requirements.lock README.md ./
RUN mkdir stream embeddings && touch stream/__init__.py embeddings/__init__.py \
    && pip install --no-cache-dir -c requirements.lock . \
    && pip uninstall -y copydesk
COPY config ./config
COPY stream ./stream
COPY embeddings ./embeddings
COPY samples ./samples
RUN pip install --no-cache-dir --no-deps -c requirements.lock .

# The installed package has no config/ beside it: name the copied one, so `copydesk` and the
# worker find it from any working directory (relative paths in it resolve against /app).
# Tables (RocksDB) live in /data; mount a volume to keep them across restarts.
ENV COPYDESK_CONFIG=/app/config/copydesk.toml \
    COPYDESK_STORE_DATA_DIR=/data \
    COPYDESK_WEB_BIND=0.0.0.0
VOLUME ["/data"]
EXPOSE 6066 6067
USER 1000:1000
CMD ["faust", "-A", "stream.app", "worker", "-l", "info"]
