package dev.relocator.imagemap.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectoryMapSourceTest {

  @TempDir Path root;

  private static String imageMap(String name, String ns, String from, String to) {
    return "apiVersion: relocator.dev/v1alpha1\nkind: ImageMap\nmetadata: {name: " + name + ", namespace: " + ns
        + "}\nspec:\n  map:\n  - {from: " + from + ", to: " + to + "}\n";
  }

  private static String reason(DirectoryMapSource source, String name) {
    return source.maps().stream().filter(m -> m.id().name().equals(name)).findFirst()
        .map(MapState::status).map(s -> s.ready().reason()).orElse("");
  }

  private static Optional<String> served(DirectoryMapSource source, String ns, String image) {
    return source.catalog().forNamespace(ns).relocate(ImageReference.parse(image)).map(ImageReference::familiarString);
  }

  @Test
  void rejectedMapIsRecheckedAfterTheRetryDelayWhenNoFileEventArrives() throws IOException {
    // Files outside the watched directory, linked into it: editing them raises no event there,
    // as with some volume mounts. Only the retry can notice.
    Path real = Files.createDirectories(root.resolve("real"));
    Path maps = Files.createDirectories(root.resolve("maps"));
    Files.writeString(real.resolve("first.yaml"), imageMap("first", "demo", "nginx", "reg.local/a/nginx"));
    Files.createSymbolicLink(maps.resolve("first.yaml"), real.resolve("first.yaml"));
    Files.writeString(maps.resolve("second.yaml"), imageMap("second", "demo", "nginx", "reg.local/b/nginx"));
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMillis(300), Clock.systemUTC());
    try {
      source.start();
      assertThat(reason(source, "first")).isEqualTo("Accepted");
      assertThat(reason(source, "second")).isEqualTo("Conflict");
      Files.writeString(real.resolve("first.yaml"), imageMap("first", "demo", "redis", "reg.local/a/redis"));
      await("second accepted by the retry").atMost(Duration.ofSeconds(20)).ignoreExceptions().until(
          () -> reason(source, "second").equals("Accepted"));
      assertThat(served(source, "demo", "nginx:1")).contains("reg.local/b/nginx:1");
      assertThat(served(source, "demo", "redis:7")).contains("reg.local/a/redis:7");
    } finally {
      source.close();
    }
  }

  @Test
  void rejectedEditKeepsThePreviousGenerationAndNamespacesFeedSelectors() throws IOException {
    Path maps = Files.createDirectories(root.resolve("maps"));
    Files.writeString(maps.resolve("a.yaml"), imageMap("first", "demo", "nginx", "reg.local/a/nginx"));
    Files.writeString(maps.resolve("b.yaml"), imageMap("second", "demo", "redis", "reg.local/redis"));
    Files.writeString(maps.resolve("c.yaml"), """
        apiVersion: v1
        kind: Namespace
        metadata: {name: tools, labels: {team: tools}}
        ---
        apiVersion: relocator.dev/v1alpha1
        kind: ClusterImageMap
        metadata: {name: tooling}
        spec:
          namespaceSelector: {matchLabels: {team: tools}}
          map:
          - {from: busybox, to: reg.local/tools/busybox}
        """);
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
    try {
      source.start();
      assertThat(served(source, "tools", "busybox:1")).contains("reg.local/tools/busybox:1");
      assertThat(served(source, "demo", "busybox:1")).isEmpty();
      Files.writeString(maps.resolve("b.yaml"), imageMap("second", "demo", "nginx", "reg.local/b/nginx"));
      source.reload();
      MapState second = source.maps().stream().filter(m -> m.id().name().equals("second")).findFirst().orElseThrow();
      assertThat(second.generation()).isEqualTo(2);
      assertThat(second.status().ready().message()).contains("generation 1 stays in force");
      assertThat(served(source, "demo", "redis:7")).contains("reg.local/redis:7");
    } finally {
      source.close();
    }
  }
  @Test
  void fileThatStopsBeingYamlKeepsTheMapsLastReadFromItInForce() throws IOException {
    Path maps = Files.createDirectories(root.resolve("maps"));
    Files.writeString(maps.resolve("a.yaml"), imageMap("first", "demo", "nginx", "reg.local/a/nginx"));
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
    try {
      source.start();
      // An edit saved half-way: a typo must not silently stop relocating the file's images.
      Files.writeString(maps.resolve("a.yaml"), imageMap("first", "demo", "nginx", "reg.local/a/nginx") + "  - from: [oops\n");
      source.reload();
      assertThat(served(source, "demo", "nginx:1")).contains("reg.local/a/nginx:1");
      assertThat(source.problems()).singleElement().asString()
          // What was expected, not only "while parsing a flow sequence".
          .contains("a.yaml").contains("not valid YAML: expected ',' or ']'").contains("keeping the 1 map last read from it");
      // Fixed: the new content applies; deleted: its maps go.
      Files.writeString(maps.resolve("a.yaml"), imageMap("first", "demo", "nginx", "reg.local/b/nginx"));
      source.reload();
      assertThat(served(source, "demo", "nginx:1")).contains("reg.local/b/nginx:1");
      assertThat(source.problems()).isEmpty();
      Files.delete(maps.resolve("a.yaml"));
      source.reload();
      assertThat(served(source, "demo", "nginx:1")).isEmpty();
    } finally {
      source.close();
    }
  }

  @Test
  void mapDocumentThatNoLongerReadsKeepsItsPreviousVersionLikeARejectedUpdate() throws IOException {
    Path maps = Files.createDirectories(root.resolve("maps"));
    Files.writeString(maps.resolve("a.yaml"), imageMap("first", "demo", "nginx", "reg.local/a/nginx")
        + "---\n" + imageMap("second", "demo", "redis", "reg.local/a/redis"));
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
    try {
      source.start();
      // spec.map as a string: the API server's schema would refuse this update and keep the map.
      Files.writeString(maps.resolve("a.yaml"), imageMap("first", "demo", "nginx", "reg.local/a/nginx")
          + "---\napiVersion: relocator.dev/v1alpha1\nkind: ImageMap\nmetadata: {name: second, namespace: demo}\n"
          + "spec:\n  map: redis=reg.local/b/redis\n");
      source.reload();
      assertThat(served(source, "demo", "redis:7")).contains("reg.local/a/redis:7");
      assertThat(served(source, "demo", "nginx:1")).contains("reg.local/a/nginx:1");
      assertThat(source.problems()).singleElement().asString()
          .isEqualTo("a.yaml: documents[1]: spec.map: expected a list; keeping ImageMap demo/second as last read");
    } finally {
      source.close();
    }
  }

  @Test
  void aMisspeltKeyMakesTheDocumentAProblemWithTheKeyMeantAndKeepsTheMapInForce() throws IOException {
    Path maps = Files.createDirectories(root.resolve("maps"));
    Files.writeString(maps.resolve("a.yaml"), imageMap("first", "demo", "nginx", "reg.local/a/nginx"));
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
    try {
      source.start();
      // "maps:" for "map:" used to read as a map with no entries, withdrawing nginx's relocation.
      Files.writeString(maps.resolve("a.yaml"), imageMap("first", "demo", "nginx", "reg.local/a/nginx")
          .replace("  map:", "  maps:"));
      source.reload();
      assertThat(served(source, "demo", "nginx:1")).contains("reg.local/a/nginx:1");
      assertThat(source.problems()).singleElement().asString()
          .isEqualTo("a.yaml: documents[0]: spec: unknown key \"maps\" (did you mean \"map\"?);"
              + " keeping ImageMap demo/first as last read");

      Files.writeString(maps.resolve("a.yaml"), imageMap("first", "demo", "nginx", "reg.local/a/nginx")
          .replace("{from:", "{form:"));
      source.reload();
      assertThat(source.problems()).singleElement().asString()
          .contains("spec.map[0]: unknown key \"form\" (did you mean \"from\"?)");
    } finally {
      source.close();
    }
  }

  @Test
  void aMapWithNoEntriesAndNoRulesIsInvalidWhateverRemovedThem() throws IOException {
    Path maps = Files.createDirectories(root.resolve("maps"));
    Files.writeString(maps.resolve("a.yaml"), "apiVersion: relocator.dev/v1alpha1\nkind: ImageMap\n"
        + "metadata: {name: empty, namespace: demo}\nspec: {map: []}\n");
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
    try {
      source.start();
      assertThat(source.maps()).singleElement().satisfies(m -> {
        assertThat(m.status().ready().reason()).isEqualTo("Invalid");
        assertThat(m.status().ready().message()).contains("no entries and no rules: is \"map:\" misspelt?");
      });
    } finally {
      source.close();
    }
  }

  private static String namespace(String name, String team) {
    return "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + name + ", labels: {team: " + team + "}}\n";
  }

  private static String clusterMap(String name, String selector, String from, String to) {
    return "apiVersion: relocator.dev/v1alpha1\nkind: ClusterImageMap\nmetadata: {name: " + name
        + "}\nspec:\n  namespaceSelector: " + selector + "\n  map:\n  - {from: " + from + ", to: " + to + "}\n";
  }

  private static String message(DirectoryMapSource source, String name) {
    return source.maps().stream().filter(m -> m.id().name().equals(name)).findFirst()
        .map(m -> m.status().ready().message()).orElse("");
  }

  @Test
  void namespaceRelabelledInItsFileBringsTwoMapsInForceIntoConflictUntilUndone() throws IOException {
    Path maps = Files.createDirectories(root.resolve("maps"));
    Files.writeString(maps.resolve("a.yaml"), imageMap("own", "tools", "nginx", "reg.local/own/nginx"));
    Files.writeString(maps.resolve("b.yaml"), clusterMap("platform", "{matchLabels: {team: a}}", "nginx", "reg.local/c/nginx"));
    Files.writeString(maps.resolve("ns.yaml"), namespace("tools", "b"));
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
    try {
      source.start();
      assertThat(reason(source, "own")).isEqualTo("Accepted");
      assertThat(reason(source, "platform")).isEqualTo("Accepted");

      Files.writeString(maps.resolve("ns.yaml"), namespace("tools", "a"));
      source.reload();
      // The ClusterImageMap was read after the ImageMap, so it is the newer and gives way.
      assertThat(reason(source, "platform")).isEqualTo("Conflict");
      assertThat(message(source, "platform")).contains("ImageMap tools/own", "no generation is in force");
      assertThat(reason(source, "own")).isEqualTo("Accepted");
      assertThat(served(source, "tools", "nginx:1")).contains("reg.local/own/nginx:1");

      Files.writeString(maps.resolve("ns.yaml"), namespace("tools", "b"));
      source.reload();
      assertThat(reason(source, "platform")).isEqualTo("Accepted");
      assertThat(reason(source, "own")).isEqualTo("Accepted");
    } finally {
      source.close();
    }
  }

  @Test
  void clusterMapWithASelectorWithoutOperatorIsInvalidRatherThanStoppingTheServer() throws IOException {
    Path maps = Files.createDirectories(root.resolve("maps"));
    Files.writeString(maps.resolve("a.yaml"), imageMap("own", "tools", "nginx", "reg.local/own/nginx"));
    Files.writeString(maps.resolve("b.yaml"), clusterMap("odd", "{matchExpressions: [{key: team}]}", "nginx", "reg.local/c/nginx"));
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
    try {
      source.start();
      assertThat(reason(source, "odd")).isEqualTo("Invalid");
      assertThat(message(source, "odd")).startsWith("spec.namespaceSelector.matchExpressions[0].operator: is required");
      assertThat(served(source, "tools", "nginx:1")).contains("reg.local/own/nginx:1");
    } finally {
      source.close();
    }
  }

  /** A clock that throws while broken: a stand-in for any failure inside a reload's pass. */
  private static final class BreakableClock extends InterceptedClock {
    volatile boolean broken;

    @Override
    void intercept() {
      if (broken) {
        throw new IllegalStateException("clock broken by the test");
      }
    }
  }

  @Test
  void reloadThatFailsIsReportedAndTheWatchGoesOnWithTheMapsInForceUnchanged() throws IOException {
    Path maps = Files.createDirectories(root.resolve("maps"));
    Files.writeString(maps.resolve("a.yaml"), imageMap("first", "demo", "nginx", "reg.local/a/nginx"));
    BreakableClock clock = new BreakableClock();
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), clock);
    try {
      source.start();
      clock.broken = true;
      Files.writeString(maps.resolve("b.yaml"), imageMap("second", "demo", "redis", "reg.local/b/redis"));
      await("the failed reload reported").atMost(Duration.ofSeconds(20)).ignoreExceptions().until(
          () -> source.problems().stream().anyMatch(d -> d.message().startsWith("reload failed")));
      assertThat(source.problems()).singleElement().asString().isEqualTo(maps + ": reload failed after changes to "
          + "b.yaml: java.lang.IllegalStateException: clock broken by the test; the maps read before stay in force");
      assertThat(served(source, "demo", "nginx:1")).contains("reg.local/a/nginx:1");
      assertThat(served(source, "demo", "redis:7")).isEmpty();
      assertThat(source.maps()).extracting(m -> m.id().name()).containsExactly("first");

      // The watch goes on: the next edit is read, and the failure is gone with the good reload.
      clock.broken = false;
      Files.writeString(maps.resolve("b.yaml"), imageMap("second", "demo", "redis", "reg.local/c/redis"));
      await("the edit after the failure read").atMost(Duration.ofSeconds(20)).ignoreExceptions().until(
          () -> served(source, "demo", "redis:7").isPresent());
      assertThat(served(source, "demo", "redis:7")).contains("reg.local/c/redis:7");
      assertThat(source.problems()).isEmpty();
    } finally {
      source.close();
    }
  }

  @Test
  void firstReadThatFailsLeavesTheSourceNotReadyUntilAReloadSucceeds() throws IOException {
    Path maps = Files.createDirectories(root.resolve("maps"));
    Files.writeString(maps.resolve("a.yaml"), imageMap("first", "demo", "nginx", "reg.local/a/nginx"));
    BreakableClock clock = new BreakableClock();
    clock.broken = true;
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), clock);
    try {
      source.start();
      assertThat(source.ready()).isFalse();
      assertThat(source.problems()).singleElement().asString()
          .contains("reload failed after changes to a.yaml", "no maps are in force until a reload succeeds");
      clock.broken = false;
      source.reload();
      assertThat(source.ready()).isTrue();
      assertThat(served(source, "demo", "nginx:1")).contains("reg.local/a/nginx:1");
    } finally {
      source.close();
    }
  }

  @Test
  void aDirectoryThatCannotBeListedIsAProblemAndTheMapsReadBeforeStayUntilItCanBeAgain() throws IOException {
    Path maps = Files.createDirectories(root.resolve("maps"));
    Files.writeString(maps.resolve("a.yaml"), imageMap("first", "demo", "nginx", "reg.local/a/nginx"));
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
    source.reload();
    assertThat(served(source, "demo", "nginx:1")).contains("reg.local/a/nginx:1");

    // A volume unmounted under the server (as root, permissions would not stop the listing).
    Files.delete(maps.resolve("a.yaml"));
    Files.delete(maps);
    source.reload();

    assertThat(source.problems()).singleElement().asString().startsWith(maps + ": cannot list the directory: ")
        .endsWith("; the maps read before stay in force");
    assertThat(source.ready()).isTrue();
    assertThat(served(source, "demo", "nginx:1")).contains("reg.local/a/nginx:1");

    Files.createDirectories(maps);
    Files.writeString(maps.resolve("a.yaml"), imageMap("first", "demo", "nginx", "reg.local/b/nginx"));
    source.reload();
    assertThat(source.problems()).isEmpty();
    assertThat(served(source, "demo", "nginx:1")).contains("reg.local/b/nginx:1");
  }

  @Test
  void aFirstListingThatFailsLeavesNoMapsInForceAndSaysSo() {
    Path missing = root.resolve("not-yet");
    DirectoryMapSource source = new DirectoryMapSource(missing, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
    source.reload();
    assertThat(source.ready()).isFalse();
    assertThat(source.problems()).singleElement().asString().startsWith(missing + ": cannot list the directory: ")
        .endsWith("; no maps are in force until a reload succeeds");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      null expression  | {matchExpressions: [null]} | spec.namespaceSelector.matchExpressions[0]: expected an object
      null label value | {matchLabels: {team: null}} | spec.namespaceSelector.matchLabels.team: expected a string
      """)
  void clusterMapWithANullInItsSelectorIsInvalidRatherThanFailingTheReload(
      String name, String selector, String problem) throws IOException {
    // Only a file can hold these: the API server's schema refuses a null there.
    Path maps = Files.createDirectories(root.resolve("maps"));
    Files.writeString(maps.resolve("a.yaml"), imageMap("own", "tools", "nginx", "reg.local/own/nginx"));
    Files.writeString(maps.resolve("b.yaml"), clusterMap("odd", selector, "redis", "reg.local/c/redis"));
    Files.writeString(maps.resolve("ns.yaml"), namespace("tools", "a"));
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
    try {
      source.start();
      assertThat(source.problems()).isEmpty();
      assertThat(reason(source, "odd")).isEqualTo("Invalid");
      assertThat(message(source, "odd")).startsWith(problem);
      assertThat(served(source, "tools", "nginx:1")).contains("reg.local/own/nginx:1");
      assertThat(served(source, "tools", "redis:7")).isEmpty();
    } finally {
      source.close();
    }
  }
}
