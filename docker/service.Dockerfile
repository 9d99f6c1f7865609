# One image per service: `docker build -f docker/service.Dockerfile --build-arg SERVICE=core .`
# Builds for ARM64 (ECS Fargate) and AMD64 alike: `docker buildx build --platform linux/arm64,linux/amd64`.
FROM python:3.12-slim AS build
ARG SERVICE
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
COPY packages ./packages
COPY services ./services
COPY gateway ./gateway
RUN uv sync --locked --no-dev --package "repti-${SERVICE}" --no-editable

FROM python:3.12-slim
ARG SERVICE
ENV SERVICE=${SERVICE} PATH="/app/.venv/bin:${PATH}" PYTHONUNBUFFERED=1
RUN useradd --system --uid 10001 reptidex
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
COPY packages/common/alembic.ini /app/packages/common/alembic.ini
USER 10001
EXPOSE 8000
# gunicorn with uvicorn workers; graceful shutdown inside the ECS stop timeout (30 s). Idle
# connections are kept longer than the gateway keeps them (reptidex_gateway.config), which
# closes them first, so it never sends a request on one the service is closing.
CMD ["sh", "-c", "exec gunicorn \"repti_${SERVICE}.main:create_app()\" --worker-class uvicorn.workers.UvicornWorker --bind 0.0.0.0:8000 --workers 2 --graceful-timeout 25 --timeout 60 --keep-alive 75 --access-logfile -"]
