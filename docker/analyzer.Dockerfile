# The contentmix analyzer (Kafka Streams application with its metrics and health endpoint).
# Build from the repository root:  docker build -f docker/analyzer.Dockerfile -t contentmix-analyzer .

# --- build: the launcher jar and its dependencies (app/target/contentmix.jar + app/target/lib/) ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The whole source tree (module list of the root pom included); `clean` drops any target/
# directories copied from the host. A .dockerignore keeps .git and build output out of the context.
COPY . .
RUN mvn -B -q -DskipTests -Dmaven.javadoc.skip=true clean package -pl app -am

# --- run: a JRE, a non-root user, the jar ---
FROM eclipse-temurin:17-jre
# curl for the health check (GET /health answers 200 only while Kafka Streams is RUNNING)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 contentmix \
    && useradd --system --uid 10001 --gid contentmix --home-dir /var/lib/contentmix --create-home \
        --shell /usr/sbin/nologin contentmix
WORKDIR /opt/contentmix
COPY --from=build /src/app/target/contentmix.jar ./contentmix.jar
COPY --from=build /src/app/target/lib ./lib
USER contentmix
# The endpoint must listen on every interface inside a container (it binds 127.0.0.1 by default).
ENV CONTENTMIX_METRICS_HOST=0.0.0.0 \
    CONTENTMIX_METRICS_PORT=9464
EXPOSE 9464
# Kafka Streams state (RocksDB); rebuilt from the changelog topics when lost, kept for fast restarts.
VOLUME ["/var/lib/contentmix"]
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
    CMD curl -fsS "http://127.0.0.1:${CONTENTMIX_METRICS_PORT}/health" || exit 1
# Heap follows the container's memory limit; the parallel collector costs the stream threads less
# than G1 (BENCHMARKS.md); add flags with JAVA_TOOL_OPTIONS (another collector: override the entrypoint).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseParallelGC", "-jar", "/opt/contentmix/contentmix.jar"]
CMD ["analyzer", "--state-dir", "/var/lib/contentmix/state"]
