# Production-like image of the Sasaran web app (see docker-compose.yml).
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt package.json package-lock.json ./
RUN pip install --no-cache-dir -r requirements.txt && npm ci --no-audit --no-fund --omit=dev
COPY . .
RUN pybabel compile -q -d webgis/translations
ENV SASARAN_BASEMAP_URL=none SASARAN_HOST=0.0.0.0 SASARAN_PORT=8000
EXPOSE 8000
# The synthetic sample is loaded only in sample mode (SASARAN_SAMPLE_MODE=1), never into production data.
CMD ["sh", "-c", "python -m spatial migrate && if [ \"${SASARAN_SAMPLE_MODE:-0}\" = 1 ]; then python -m spatial load-sample --if-empty; fi && exec gunicorn --config gunicorn.conf.py"]
