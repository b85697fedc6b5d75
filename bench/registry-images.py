#!/usr/bin/env python3
"""Seeds many small images into a loopback registry through the distribution API, and checks
that other registries hold the same digests. Used by bench/mirror-vs-skopeo-sync.sh.

  registry-images.py seed REGISTRY COUNT LAYER_KIB   pushes bench/small-N:1.0, N = 0..COUNT-1
  registry-images.py check SOURCE LIST TARGET...     every image of LIST (one per line, as
                                                     SOURCE/REPO:TAG) has SOURCE's digest in
                                                     each TARGET

Each image is an OCI image manifest over a config and two gzip layers: one small base layer
shared by all (mounted, not uploaded again, as a registry holds a common base once) and one
LAYER_KIB layer of seeded random bytes of its own, so every image is distinct and none can be
copied by mounting another's. One process on kept-alive connections, a few threads: pushing
500 images this way takes seconds, where 500 `skopeo copy` processes would take minutes.
Only the standard library; plain HTTP, loopback only.
"""
import gzip
import hashlib
import http.client
import io
import json
import random
import sys
import tarfile
import threading
import urllib.parse

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
# What a client accepts when it asks a tag's digest: any manifest kind, so the registry answers
# the stored one's digest rather than converting.
ACCEPT = ", ".join([OCI_INDEX, OCI_MANIFEST,
                    "application/vnd.docker.distribution.manifest.list.v2+json",
                    "application/vnd.docker.distribution.manifest.v2+json"])
REPOSITORY = "bench/small-{}"
TAG = "1.0"
THREADS = 4


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def layer(name, content):
    """A gzip'd tar holding one file, byte for byte reproducible (fixed times and owners)."""
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = len(content), 0, 0o644
        tar.addfile(info, io.BytesIO(content))
    tar_data = tar_bytes.getvalue()
    return gzip.compress(tar_data, compresslevel=1, mtime=0), sha256(tar_data)


class Registry:
    """One kept-alive plain-HTTP connection to a loopback registry."""

    def __init__(self, host_port):
        self.host_port = host_port
        self.conn = http.client.HTTPConnection(host_port, timeout=60)

    def request(self, method, path, body=None, headers=None, expect=(200,)):
        self.conn.request(method, path, body=body, headers=headers or {})
        response = self.conn.getresponse()
        data = response.read()
        if response.status not in expect:
            raise RuntimeError(f"{method} {self.host_port}{path}: {response.status} {data[:300]!r}")
        return response, data

    def push_blob(self, repository, data, mount_from=None):
        digest = sha256(data)
        path = f"/v2/{repository}/blobs/uploads/"
        if mount_from:
            path += "?" + urllib.parse.urlencode({"mount": digest, "from": mount_from})
        response, _ = self.request("POST", path, headers={"Content-Length": "0"}, expect=(201, 202))
        if response.status == 201:  # mounted
            return digest
        # The registry names the upload session; its query carries state the PUT must return.
        location = urllib.parse.urlsplit(response.getheader("Location"))
        query = location.query + ("&" if location.query else "") + urllib.parse.urlencode({"digest": digest})
        self.request("PUT", f"{location.path}?{query}", body=data,
                     headers={"Content-Type": "application/octet-stream"}, expect=(201,))
        return digest

    def push_manifest(self, repository, tag, manifest):
        self.request("PUT", f"/v2/{repository}/manifests/{tag}", body=manifest,
                     headers={"Content-Type": OCI_MANIFEST}, expect=(201,))

    def digest(self, repository, tag):
        response, _ = self.request("HEAD", f"/v2/{repository}/manifests/{tag}", headers={"Accept": ACCEPT},
                                   expect=(200, 404))
        return response.getheader("Docker-Content-Digest") if response.status == 200 else None


def descriptor(media_type, data):
    return {"mediaType": media_type, "digest": sha256(data), "size": len(data)}


def push_image(registry, index, base, base_from, layer_kib):
    repository = REPOSITORY.format(index)
    content = random.Random(index).randbytes(layer_kib * 1024)
    own, own_diff_id = layer(f"app/{index}.bin", content)
    base_blob, base_diff_id = base
    config = json.dumps({
        "architecture": "amd64", "os": "linux",
        "config": {"Labels": {"dev.relocator.bench.index": str(index)}},
        "rootfs": {"type": "layers", "diff_ids": [base_diff_id, own_diff_id]},
    }, separators=(",", ":")).encode()
    registry.push_blob(repository, base_blob, mount_from=base_from)
    registry.push_blob(repository, own)
    registry.push_blob(repository, config)
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": OCI_MANIFEST,
        "config": descriptor(OCI_CONFIG, config),
        "layers": [descriptor(OCI_LAYER, base_blob), descriptor(OCI_LAYER, own)],
    }, separators=(",", ":")).encode()
    registry.push_manifest(repository, TAG, manifest)


def run_threads(work, count):
    """Runs work(i) for i in 0..count-1 on THREADS threads; re-raises a failure."""
    failures = []

    def worker(first):
        try:
            for i in range(first, count, THREADS):
                work(i)
        except Exception as e:  # reported below, after the other threads end
            failures.append(e)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def seed(host_port, count, layer_kib):
    base = layer("base/os-release", b"NAME=bench\n" * 64)
    # Image 0 first, so the others can mount the shared base layer from its repository.
    push_image(Registry(host_port), 0, base, None, layer_kib)
    local = threading.local()

    def push(i):
        if i == 0:
            return
        if not hasattr(local, "registry"):
            local.registry = Registry(host_port)
        push_image(local.registry, i, base, REPOSITORY.format(0), layer_kib)

    run_threads(push, count)


def check(source, list_file, targets):
    with open(list_file) as f:
        images = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    local = threading.local()
    mismatches = []

    def compare(i):
        if not hasattr(local, "registries"):
            local.registries = [Registry(r) for r in [source] + targets]
        name, tag = images[i][len(source) + 1:].rsplit(":", 1)
        want = local.registries[0].digest(name, tag)
        for registry in local.registries[1:]:
            got = registry.digest(name, tag)
            if want is None or got != want:
                mismatches.append(f"{registry.host_port}/{name}:{tag}: {got}, source {want}")

    run_threads(compare, len(images))
    for line in mismatches[:10]:
        print(f"digest mismatch: {line}", file=sys.stderr)
    if mismatches:
        sys.exit(f"{len(mismatches)} digest mismatches")


def main(args):
    if len(args) == 4 and args[0] == "seed":
        seed(args[1], int(args[2]), int(args[3]))
    elif len(args) >= 4 and args[0] == "check":
        check(args[1], args[2], args[3:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
