# Build: the SDK image restores and publishes the host.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig Bot.sln appsettings.json ./
COPY Bot.Rules/Bot.Rules.csproj Bot.Rules/
COPY Bot.Storage/Bot.Storage.csproj Bot.Storage/
COPY Bot.Host/Bot.Host.csproj Bot.Host/
RUN dotnet restore Bot.Host/Bot.Host.csproj
COPY Bot.Rules/ Bot.Rules/
COPY Bot.Storage/ Bot.Storage/
COPY Bot.Host/ Bot.Host/
RUN dotnet publish Bot.Host/Bot.Host.csproj -c Release -o /app --no-restore

# Run: the ASP.NET runtime only, as a non-root user, with the time-zone database for Asia/Shanghai.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends tzdata curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# The spool (callbacks kept on disk while PostgreSQL is out) must outlive the container: compose mounts a volume here,
# which takes this directory's owner the first time.
RUN mkdir -p /data/spool && chown app /data/spool
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    Spool__Directory=/data/spool
EXPOSE 8080
USER app
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["dotnet", "Bot.Host.dll"]
