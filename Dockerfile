# Claim Tracker in a container: the package built as a wheel, installed into a slim
# Python image, run as a user without privileges. The same image runs the daemon
# (`run`, the default), the dashboard (`web`) and every other command; compose.yaml
# runs PostgreSQL, two daemons and the dashboard with it.
#
#   docker build -t claim-tracker .
#   docker run --rm -e TRACKER_DATABASE_URL=postgresql+psycopg://... claim-tracker status

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY tracker ./tracker
COPY db/migrations ./db/migrations
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    TRACKER_CONFIG=/etc/claim-tracker/config.yaml \
    TRACKER_LOG_FORMAT=json
RUN useradd --system --uid 10001 --user-group --create-home \
        --home-dir /var/lib/claim-tracker --shell /usr/sbin/nologin tracker
COPY --from=build /wheels/ /tmp/wheels/
RUN pip install --no-cache-dir /tmp/wheels/*.whl && rm -rf /tmp/wheels
COPY config.yaml /etc/claim-tracker/config.yaml
USER tracker
WORKDIR /var/lib/claim-tracker
# 8000: `tracker web --host 0.0.0.0`; 9464: `tracker run --metrics-port 9464 --metrics-host 0.0.0.0`.
EXPOSE 8000 9464
ENTRYPOINT ["tracker"]
CMD ["run"]
