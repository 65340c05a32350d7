# kwaf silo: one member of a cluster (Redis membership, PostgreSQL grain state), no HTTP endpoint of its own.
# Build from the repository root:  docker build -f docker/silo.Dockerfile -t kwaf-silo .
# The same image runs the schema migration once:  docker run --rm -e ConnectionStrings__Postgres=... kwaf-silo migrate

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish silo/Kwaf.Silo.csproj -c Release -o /app

# The ASP.NET Core runtime, not the plain one: the Orleans dashboard's silo part references ASP.NET Core.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
USER app
ENV Kwaf__Silo__SiloPort=11111 \
    Kwaf__Silo__GatewayPort=30000
EXPOSE 11111 30000
# A silo serves no HTTP: healthy means its silo port accepts TCP connections on the address it advertises. It does
# not prove that the silo joined the cluster; the gateway's /health/ready does that for the cluster as a whole.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD ["bash", "-c", "exec 3<>\"/dev/tcp/${Kwaf__Silo__AdvertisedIp:-127.0.0.1}/${Kwaf__Silo__SiloPort:-11111}\""]
ENTRYPOINT ["dotnet", "Kwaf.Silo.dll"]
