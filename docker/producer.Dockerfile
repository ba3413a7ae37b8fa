# The contentmix producer commands (generate, publish, ...): by default a synthetic demo stream.
# Build from the repository root:  docker build -f docker/producer.Dockerfile -t contentmix-producer .
# The build stage is the analyzer's, line for line, so Docker reuses its cached layers.

# --- build: the launcher jar and its dependencies (app/target/contentmix.jar + app/target/lib/) ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The whole source tree (module list of the root pom included); `clean` drops any target/
# directories copied from the host. A .dockerignore keeps .git and build output out of the context.
COPY . .
RUN mvn -B -q -DskipTests -Dmaven.javadoc.skip=true clean package -pl app -am

# --- run: a JRE, a non-root user, the jar ---
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 contentmix \
    && useradd --system --uid 10001 --gid contentmix --no-create-home --shell /usr/sbin/nologin contentmix
WORKDIR /opt/contentmix
COPY --from=build /src/app/target/contentmix.jar ./contentmix.jar
COPY --from=build /src/app/target/lib ./lib
USER contentmix
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/contentmix/contentmix.jar"]
# 5 posts a second for a long while; the bootstrap servers come from KAFKA_BOOTSTRAP_SERVERS.
CMD ["generate", "--rate", "5", "--count", "1000000"]
