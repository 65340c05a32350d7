#!/usr/bin/env python3
"""Checks docker-compose.yml and the Dockerfiles without a Docker engine.

Parses the compose file (PyYAML: Debian's python3-yaml) and checks what can be checked statically: the topology's
services, build contexts and Dockerfiles that exist, dependencies that name real services, the environment the kwaf
containers need, Redis with AOF, fixed silo addresses inside the network's subnet, the gateway published on loopback
only, and multi-stage, non-root Dockerfiles with health checks. Where the docker client has the compose plugin, it
also runs `docker compose config`; where nginx is installed, `nginx -t` on the demo API's configuration and on the
proxy's template rendered with loopback addresses; where HAProxy is installed, `haproxy -c` on both HAProxy
configurations.

Prints "compose check: ok" and exits 0, or lists every problem and exits 1.
"""
import ipaddress
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
COMPOSE = os.path.join(HERE, "docker-compose.yml")
SERVICES = {"postgres", "redis", "migrate", "silo1", "silo2", "gateway", "demo-api", "nginx", "haproxy"}
KWAF_SERVICES = {"migrate", "silo1", "silo2", "gateway"}
KWAF_ENVIRONMENT = {
    "ConnectionStrings__Postgres": None,
    "ConnectionStrings__Redis": None,
    "Kwaf__Storage__Provider": "PostgreSql",
    "Kwaf__Cluster__Membership": "Redis",
}


def check_services(services, problems):
    missing = SERVICES - set(services)
    if missing:
        problems.append(f"services missing: {sorted(missing)}")
    for name, service in services.items():
        for dependency in service.get("depends_on") or []:
            if dependency not in services:
                problems.append(f"{name}: depends_on names unknown service {dependency}")
        build = service.get("build")
        if build:
            context = os.path.normpath(os.path.join(HERE, build["context"]))
            dockerfile = os.path.join(context, build.get("dockerfile", "Dockerfile"))
            if not os.path.isfile(dockerfile):
                problems.append(f"{name}: Dockerfile {dockerfile} does not exist")
        for volume in service.get("volumes") or []:
            source = volume.split(":")[0]
            if source.startswith(".") and not os.path.exists(os.path.join(HERE, source)):
                problems.append(f"{name}: mounted file {source} does not exist")


def check_kwaf_environment(services, problems):
    for name in KWAF_SERVICES & set(services):
        environment = services[name].get("environment") or {}
        for key, expected in KWAF_ENVIRONMENT.items():
            if key not in environment:
                problems.append(f"{name}: environment lacks {key}")
            elif expected is not None and environment[key] != expected:
                problems.append(f"{name}: {key} is {environment[key]!r}, expected {expected!r}")
    gateway = services.get("gateway", {})
    if (gateway.get("environment") or {}).get("Kwaf__Gateway__Mode") != "Client":
        problems.append("gateway: Kwaf__Gateway__Mode must be Client")
    for port in gateway.get("ports") or []:
        if not str(port).startswith("127.0.0.1:"):
            problems.append(f"gateway: port {port} is published beyond the host's loopback")


def check_redis_and_addresses(document, services, problems):
    command = " ".join(services.get("redis", {}).get("command") or [])
    if "--appendonly yes" not in command:
        problems.append("redis: AOF is off (expected --appendonly yes)")
    subnets = [ipaddress.ip_network(c["subnet"])
               for c in document.get("networks", {}).get("kwaf", {}).get("ipam", {}).get("config", [])]
    for name in ("silo1", "silo2"):
        service = services.get(name, {})
        advertised = (service.get("environment") or {}).get("Kwaf__Silo__AdvertisedIp")
        address = ((service.get("networks") or {}).get("kwaf") or {}).get("ipv4_address")
        if advertised is None or advertised != address:
            problems.append(f"{name}: Kwaf__Silo__AdvertisedIp {advertised} differs from its address {address}")
        elif not any(ipaddress.ip_address(address) in subnet for subnet in subnets):
            problems.append(f"{name}: {address} is outside the kwaf network's subnet")


def check_dockerfile(path, problems):
    text = open(path, encoding="utf-8").read()
    stages = re.split(r"^FROM ", text, flags=re.MULTILINE)[1:]
    name = os.path.basename(path)
    if len(stages) < 2:
        problems.append(f"{name}: not multi-stage")
        return
    final = stages[-1]
    user = re.search(r"^USER (\S+)", final, re.MULTILINE)
    if user is None or user.group(1) in ("root", "0"):
        problems.append(f"{name}: the final stage does not switch to a non-root user")
    for instruction in ("HEALTHCHECK", "ENTRYPOINT"):
        if not re.search(rf"^{instruction} ", final, re.MULTILINE):
            problems.append(f"{name}: the final stage has no {instruction}")
    if not re.search(r"^RUN dotnet publish \S+ -c Release -o /app$", stages[0], re.MULTILINE):
        problems.append(f"{name}: the build stage has no 'RUN dotnet publish PROJECT -c Release -o /app'")


def run_optional_tools(problems):
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        environment = dict(os.environ, KWAF_POSTGRES_PASSWORD="check-only", KWAF_CHECK_KEY="check-only",
                           KWAF_CHECK_KEY_HASH="sha256:" + "0" * 64, KWAF_ADMIN_KEY_HASH="sha256:" + "1" * 64)
        result = subprocess.run([docker, "compose", "-f", COMPOSE, "config", "-q"], capture_output=True,
                                text=True, env=environment)
        if result.returncode != 0:
            problems.append("docker compose config: " + result.stderr.strip())
    nginx = shutil.which("nginx")
    if nginx:
        result = subprocess.run([nginx, "-t", "-q", "-e", "stderr", "-c", os.path.join(HERE, "nginx", "demo-api.conf")],
                                capture_output=True, text=True)
        if result.returncode != 0:
            problems.append("nginx -t demo-api.conf: " + result.stderr.strip())
        check_nginx_template(nginx, problems)
    haproxy = shutil.which("haproxy")
    if haproxy:
        check_haproxy(haproxy, problems)


def check_nginx_template(nginx, problems):
    """Renders templates/kwaf.conf.template with loopback addresses (compose's names resolve only inside the network)
    into a temporary prefix, as the image does, and runs nginx -t on it."""
    with open(os.path.join(HERE, "nginx", "templates", "kwaf.conf.template"), encoding="utf-8") as stream:
        text = stream.read()
    values = {"KWAF_GATEWAY": "127.0.0.1:5080", "KWAF_SYSLOG": "127.0.0.1:5514", "DEMO_API": "127.0.0.1:8081",
              "NGINX_LISTEN": "127.0.0.1:8080", "KWAF_FALLBACK": "127.0.0.1:8099",
              "KWAF_CHECK_KEY": "check-only"}
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    left = sorted(set(re.findall(r"\$\{([A-Z_]+)\}", text)))
    if left:
        problems.append(f"kwaf.conf.template: placeholders without a value: {left}")
    with tempfile.TemporaryDirectory() as prefix:
        with open(os.path.join(prefix, "kwaf.conf"), "w", encoding="utf-8") as stream:
            stream.write(text)
        log_format = os.path.join(HERE, "nginx", "kwaf-log-format.conf")
        if os.path.exists(log_format):
            shutil.copy(log_format, prefix)
        result = subprocess.run([nginx, "-t", "-q", "-e", "stderr", "-p", prefix + "/",
                                 "-c", os.path.join(prefix, "kwaf.conf")], capture_output=True, text=True)
        if result.returncode != 0:
            problems.append("nginx -t kwaf.conf.template: " + result.stderr.strip())


def check_haproxy(haproxy, problems):
    """Runs haproxy -c on haproxy.cfg (maps) and haproxy-spoe.cfg (SPOE) with loopback values for their environment
    variables and a temporary state folder holding the empty map files, as start-haproxy.sh creates them."""
    with tempfile.TemporaryDirectory() as state:
        for name in ("kwaf-ips.map", "kwaf-users.map"):
            open(os.path.join(state, name), "w", encoding="utf-8").close()
        environment = dict(os.environ, HAPROXY_LISTEN="127.0.0.1:8082", DEMO_API="127.0.0.1:8081",
                           KWAF_SYSLOG="127.0.0.1:5514", HAPROXY_STATE=state, KWAF_SPOE="127.0.0.1:12345",
                           KWAF_SPOE_CONFIG=os.path.join(HERE, "haproxy", "spoe-kwaf.conf"))
        for config in ("haproxy.cfg", "haproxy-spoe.cfg"):
            result = subprocess.run([haproxy, "-c", "-q", "-f", os.path.join(HERE, "haproxy", config)],
                                    capture_output=True, text=True, env=environment)
            if result.returncode != 0:
                problems.append(f"haproxy -c {config}: " + (result.stderr or result.stdout).strip())


def main():
    with open(COMPOSE, encoding="utf-8") as stream:
        document = yaml.safe_load(stream)
    services = document.get("services") or {}
    problems = []
    check_services(services, problems)
    check_kwaf_environment(services, problems)
    check_redis_and_addresses(document, services, problems)
    for dockerfile in ("gateway.Dockerfile", "silo.Dockerfile"):
        check_dockerfile(os.path.join(HERE, dockerfile), problems)
    run_optional_tools(problems)
    for problem in problems:
        print("compose check: " + problem, file=sys.stderr)
    if problems:
        return 1
    print(f"compose check: ok ({len(services)} services)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
