# kwaf gateway with its co-hosted silo and the embedded SQLite store (the default, single-node mode).
# Build from the repository root:  docker build -f docker/gateway.Dockerfile -t kwaf-gateway .
# Run:  docker run -p 127.0.0.1:5080:5080 -v kwaf-data:/data kwaf-gateway
# With Kwaf__Gateway__Mode=Client it is an Orleans client of a cluster instead (docker-compose.yml); /data is unused.
# The API and the dashboard (/dashboard/) have no login: publish the port on loopback or behind an authenticating proxy.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish gateway/Kwaf.Gateway.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /data && chown app:app /data
USER app
ENV ASPNETCORE_URLS=http://0.0.0.0:5080 \
    Kwaf__Storage__DataPath=/data
EXPOSE 5080
VOLUME /data
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD ["dotnet", "Kwaf.Gateway.dll", "healthcheck", "http://127.0.0.1:5080/health/ready"]
ENTRYPOINT ["dotnet", "Kwaf.Gateway.dll"]
