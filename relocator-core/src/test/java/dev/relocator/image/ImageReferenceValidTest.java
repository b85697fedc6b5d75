package dev.relocator.image;

import static dev.relocator.image.ReferenceTables.expand;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid references and how Docker's {@code ParseNormalizedNamed} normalises them. Each row:
 * input, domain, path, tag, digest, canonical, familiar. Rows mirror upstream's test cases and
 * the names found in real Kubernetes platforms.
 */
class ImageReferenceValidTest {

  /** The table, kept as one text block so the round-trip tests can reuse every row. */
  static final String TABLE = """
      # official images: docker.io plus library/
      nginx                                   | docker.io | library/nginx | | | docker.io/library/nginx | nginx
      nginx:1.25                              | docker.io | library/nginx | 1.25 | | docker.io/library/nginx:1.25 | nginx:1.25
      nginx:latest                            | docker.io | library/nginx | latest | | docker.io/library/nginx:latest | nginx:latest
      nginx@<d256>                            | docker.io | library/nginx | | <d256> | docker.io/library/nginx@<d256> | nginx@<d256>
      nginx:1.25@<d256>                       | docker.io | library/nginx | 1.25 | <d256> | docker.io/library/nginx:1.25@<d256> | nginx:1.25@<d256>
      busybox:latest@<d512>                   | docker.io | library/busybox | latest | <d512> | docker.io/library/busybox:latest@<d512> | busybox:latest@<d512>
      redis@<d384>                            | docker.io | library/redis | | <d384> | docker.io/library/redis@<d384> | redis@<d384>
      library/nginx                           | docker.io | library/nginx | | | docker.io/library/nginx | nginx
      docker.io/nginx                         | docker.io | library/nginx | | | docker.io/library/nginx | nginx
      docker.io/library/nginx                 | docker.io | library/nginx | | | docker.io/library/nginx | nginx
      index.docker.io/nginx                   | docker.io | library/nginx | | | docker.io/library/nginx | nginx
      index.docker.io/library/nginx:1.25      | docker.io | library/nginx | 1.25 | | docker.io/library/nginx:1.25 | nginx:1.25
      ubuntu-12.04-base                       | docker.io | library/ubuntu-12.04-base | | | docker.io/library/ubuntu-12.04-base | ubuntu-12.04-base
      # Docker Hub namespaces
      bitnami/redis:7.2                       | docker.io | bitnami/redis | 7.2 | | docker.io/bitnami/redis:7.2 | bitnami/redis:7.2
      docker.io/bitnami/redis                 | docker.io | bitnami/redis | | | docker.io/bitnami/redis | bitnami/redis
      index.docker.io/bitnami/redis           | docker.io | bitnami/redis | | | docker.io/bitnami/redis | bitnami/redis
      other/library                           | docker.io | other/library | | | docker.io/other/library | other/library
      store/foo/bar                           | docker.io | store/foo/bar | | | docker.io/store/foo/bar | store/foo/bar
      library/foo/bar                         | docker.io | library/foo/bar | | | docker.io/library/foo/bar | library/foo/bar
      docker.io/library/foo/bar               | docker.io | library/foo/bar | | | docker.io/library/foo/bar | library/foo/bar
      # other registries keep their path as written
      quay.io/calico/cni:v3.26.1              | quay.io | calico/cni | v3.26.1 | | quay.io/calico/cni:v3.26.1 | quay.io/calico/cni:v3.26.1
      registry.k8s.io/pause:3.9               | registry.k8s.io | pause | 3.9 | | registry.k8s.io/pause:3.9 | registry.k8s.io/pause:3.9
      registry.k8s.io/kube-apiserver:v1.29.0@<d256> | registry.k8s.io | kube-apiserver | v1.29.0 | <d256> | registry.k8s.io/kube-apiserver:v1.29.0@<d256> | registry.k8s.io/kube-apiserver:v1.29.0@<d256>
      europe-docker.pkg.dev/gardener-project/releases/gardener/apiserver:v1.90.0 | europe-docker.pkg.dev | gardener-project/releases/gardener/apiserver | v1.90.0 | | europe-docker.pkg.dev/gardener-project/releases/gardener/apiserver:v1.90.0 | europe-docker.pkg.dev/gardener-project/releases/gardener/apiserver:v1.90.0
      gcr.io/distroless/static:nonroot        | gcr.io | distroless/static | nonroot | | gcr.io/distroless/static:nonroot | gcr.io/distroless/static:nonroot
      public.ecr.aws/eks-distro/kubernetes/pause:3.9 | public.ecr.aws | eks-distro/kubernetes/pause | 3.9 | | public.ecr.aws/eks-distro/kubernetes/pause:3.9 | public.ecr.aws/eks-distro/kubernetes/pause:3.9
      sub-dom1.foo.com/bar/baz/quux:some-long-tag | sub-dom1.foo.com | bar/baz/quux | some-long-tag | | sub-dom1.foo.com/bar/baz/quux:some-long-tag | sub-dom1.foo.com/bar/baz/quux:some-long-tag
      b.gcr.io/test.example.com/my-app:test.example.com | b.gcr.io | test.example.com/my-app | test.example.com | | b.gcr.io/test.example.com/my-app:test.example.com | b.gcr.io/test.example.com/my-app:test.example.com
      xn--n3h.com/myimage:xn--n3h.com         | xn--n3h.com | myimage | xn--n3h.com | | xn--n3h.com/myimage:xn--n3h.com | xn--n3h.com/myimage:xn--n3h.com
      xn--7o8h.com/myimage:xn--7o8h.com@<d512> | xn--7o8h.com | myimage | xn--7o8h.com | <d512> | xn--7o8h.com/myimage:xn--7o8h.com@<d512> | xn--7o8h.com/myimage:xn--7o8h.com@<d512>
      example.com/privatebase                 | example.com | privatebase | | | example.com/privatebase | example.com/privatebase
      example.com:8000/named:TAG5             | example.com:8000 | named | TAG5 | | example.com:8000/named:TAG5 | example.com:8000/named:TAG5
      docker.io:443/foo                       | docker.io:443 | foo | | | docker.io:443/foo | docker.io:443/foo
      Docker.io/foo                           | Docker.io | foo | | | Docker.io/foo | Docker.io/foo
      # localhost, ports and IPv4
      localhost/foo                           | localhost | foo | | | localhost/foo | localhost/foo
      localhost:5000/foo                      | localhost:5000 | foo | | | localhost:5000/foo | localhost:5000/foo
      localhost:5000/foo/bar:tag              | localhost:5000 | foo/bar | tag | | localhost:5000/foo/bar:tag | localhost:5000/foo/bar:tag
      localhost                               | docker.io | library/localhost | | | docker.io/library/localhost | localhost
      localhost:5000                          | docker.io | library/localhost | 5000 | | docker.io/library/localhost:5000 | localhost:5000
      test:5000/repo                          | test:5000 | repo | | | test:5000/repo | test:5000/repo
      test-com:8080/foo                       | test-com:8080 | foo | | | test-com:8080/foo | test-com:8080/foo
      test.com:5000                           | docker.io | library/test.com | 5000 | | docker.io/library/test.com:5000 | test.com:5000
      test.com:tag                            | docker.io | library/test.com | tag | | docker.io/library/test.com:tag | test.com:tag
      192.168.0.1                             | docker.io | library/192.168.0.1 | | | docker.io/library/192.168.0.1 | 192.168.0.1
      192.168.0.1:80                          | docker.io | library/192.168.0.1 | 80 | | docker.io/library/192.168.0.1:80 | 192.168.0.1:80
      192.168.1.1/repo                        | 192.168.1.1 | repo | | | 192.168.1.1/repo | 192.168.1.1/repo
      192.168.1.1:5000/repo:5050              | 192.168.1.1:5000 | repo | 5050 | | 192.168.1.1:5000/repo:5050 | 192.168.1.1:5000/repo:5050
      127.0.0.1:5000/docker/docker            | 127.0.0.1:5000 | docker/docker | | | 127.0.0.1:5000/docker/docker | 127.0.0.1:5000/docker/docker
      # IPv6 in brackets
      [::1]/repo                              | [::1] | repo | | | [::1]/repo | [::1]/repo
      [::1]:5000/repo                         | [::1]:5000 | repo | | | [::1]:5000/repo | [::1]:5000/repo
      [2001:db8::1]/repo                      | [2001:db8::1] | repo | | | [2001:db8::1]/repo | [2001:db8::1]/repo
      [2001:db8::]:5000/repo                  | [2001:db8::]:5000 | repo | | | [2001:db8::]:5000/repo | [2001:db8::]:5000/repo
      [2001:db8:1:2:3:4:5:6]/repo:tag         | [2001:db8:1:2:3:4:5:6] | repo | tag | | [2001:db8:1:2:3:4:5:6]/repo:tag | [2001:db8:1:2:3:4:5:6]/repo:tag
      [fc00::1]:5000/docker/docker            | [fc00::1]:5000 | docker/docker | | | [fc00::1]:5000/docker/docker | [fc00::1]:5000/docker/docker
      [FC00::ABCD]:5000/x                     | [FC00::ABCD]:5000 | x | | | [FC00::ABCD]:5000/x | [FC00::ABCD]:5000/x
      [::1]:5000/repo:tag@<d256>              | [::1]:5000 | repo | tag | <d256> | [::1]:5000/repo:tag@<d256> | [::1]:5000/repo:tag@<d256>
      # an uppercase first component is read as a registry (upstream keeps this quirk)
      Foo/bar                                 | Foo | bar | | | Foo/bar | Foo/bar
      FOO/bar                                 | FOO | bar | | | FOO/bar | FOO/bar
      Docker/docker:v1                        | Docker | docker | v1 | | Docker/docker:v1 | Docker/docker:v1
      # path component separators
      test_com                                | docker.io | library/test_com | | | docker.io/library/test_com | test_com
      test_com/foo                            | docker.io | test_com/foo | | | docker.io/test_com/foo | test_com/foo
      foo_bar.com:8080                        | docker.io | library/foo_bar.com | 8080 | | docker.io/library/foo_bar.com:8080 | foo_bar.com:8080
      foo/foo_bar.com:8080                    | docker.io | foo/foo_bar.com | 8080 | | docker.io/foo/foo_bar.com:8080 | foo/foo_bar.com:8080
      dock__er/docker                         | docker.io | dock__er/docker | | | docker.io/dock__er/docker | dock__er/docker
      docker---rules/docker                   | docker.io | docker---rules/docker | | | docker.io/docker---rules/docker | docker---rules/docker
      docker.io/a.b-c__d_e/f                  | docker.io | a.b-c__d_e/f | | | docker.io/a.b-c__d_e/f | docker.io/a.b-c__d_e/f
      example.com/a.b-c__d_e--f/g1            | example.com | a.b-c__d_e--f/g1 | | | example.com/a.b-c__d_e--f/g1 | example.com/a.b-c__d_e--f/g1
      d/docker                                | docker.io | d/docker | | | docker.io/d/docker | d/docker
      jess/t                                  | docker.io | jess/t | | | docker.io/jess/t | jess/t
      a/b/c/d/e/f/g:tag                       | docker.io | a/b/c/d/e/f/g | tag | | docker.io/a/b/c/d/e/f/g:tag | a/b/c/d/e/f/g:tag
      # short forms that would read as another registry keep docker.io (upstream would shorten them)
      docker.io/localhost/foo                 | docker.io | localhost/foo | | | docker.io/localhost/foo | docker.io/localhost/foo
      docker.io/example.com/app:1             | docker.io | example.com/app | 1 | | docker.io/example.com/app:1 | docker.io/example.com/app:1
      docker.io/library/example.com           | docker.io | library/example.com | | | docker.io/library/example.com | example.com
      # hexadecimal names: only a bare 64-hex string is refused
      <hex63>                                 | docker.io | library/<hex63> | | | docker.io/library/<hex63> | <hex63>
      <hex64>:tag                             | docker.io | library/<hex64> | tag | | docker.io/library/<hex64>:tag | docker.io/library/<hex64>:tag
      docker.io/<hex64>                       | docker.io | library/<hex64> | | | docker.io/library/<hex64> | docker.io/library/<hex64>
      thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev | docker.io | library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev | | | docker.io/library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev | thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev
      # tags
      lowercase:Uppercase                     | docker.io | library/lowercase | Uppercase | | docker.io/library/lowercase:Uppercase | lowercase:Uppercase
      foo:_underscore                         | docker.io | library/foo | _underscore | | docker.io/library/foo:_underscore | foo:_underscore
      foo:1.0.0-rc.1_build.5                  | docker.io | library/foo | 1.0.0-rc.1_build.5 | | docker.io/library/foo:1.0.0-rc.1_build.5 | foo:1.0.0-rc.1_build.5
      foo:v1.21.3-gke.1                       | docker.io | library/foo | v1.21.3-gke.1 | | docker.io/library/foo:v1.21.3-gke.1 | foo:v1.21.3-gke.1
      """;

  static Stream<Arguments> rows() {
    return TABLE.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .map(line -> {
          String[] cells = line.split("\\|", -1);
          Object[] values = new Object[cells.length];
          for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].strip();
            values[i] = cell.isEmpty() ? null : expand(cell);
          }
          return Arguments.of(values);
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void parsesAndNormalisesLikeParseNormalizedNamed(
      String input, String domain, String path, String tag, String digest, String canonical, String familiar) {
    ImageReference ref = ImageReference.parse(input);

    assertThat(ref.domain()).isEqualTo(domain);
    assertThat(ref.path()).isEqualTo(path);
    assertThat(ref.name()).isEqualTo(domain + "/" + path);
    assertThat(ref.tag()).isEqualTo(Optional.ofNullable(tag));
    assertThat(ref.digest().map(Digest::toString)).isEqualTo(Optional.ofNullable(digest));
    assertThat(ref.toString()).isEqualTo(canonical);
    assertThat(ref.familiarString()).isEqualTo(familiar);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void canonicalFormRoundTripsToAnEqualReference(String input) {
    ImageReference ref = ImageReference.parse(input);
    ImageReference again = ImageReference.parse(ref.toString());

    assertThat(again).isEqualTo(ref).hasSameHashCodeAs(ref);
    assertThat(again.toString()).isEqualTo(ref.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void familiarFormParsesBackToTheSameReference(String input) {
    ImageReference ref = ImageReference.parse(input);

    assertThat(ImageReference.parse(ref.familiarString())).isEqualTo(ref);
    assertThat(ImageReference.parse(ref.familiarName()))
        .isEqualTo(ref.withoutTag().withoutDigest());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void familiarNameDropsOnlyTheDockerHubDefaults(String input) {
    ImageReference ref = ImageReference.parse(input);
    String familiar = ref.familiarName();

    if (ref.domain().equals("docker.io")) {
      assertThat(ref.path().endsWith(familiar) || familiar.equals(ref.name()))
          .as("familiar %s of %s", familiar, ref).isTrue();
    } else {
      assertThat(familiar).isEqualTo(ref.name());
    }
  }

  @ParameterizedTest
  @CsvSource({
    "docker.io/library/nginx, nginx",
    "index.docker.io/library/nginx, nginx",
    "docker.io/nginx, nginx",
    "docker.io/library/nginx:1.25, nginx:1.25",
    "docker.io/library/nginx:1.25, docker.io/nginx:1.25",
  })
  void spellingsOfOneImageAreEqual(String a, String b) {
    assertThat(ImageReference.parse(a)).isEqualTo(ImageReference.parse(b));
    assertThat(ImageReference.parse(a).hashCode()).isEqualTo(ImageReference.parse(b).hashCode());
  }
}
