package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.vector.FindOptions;
import dev.relocator.vector.ImageVector;
import dev.relocator.vector.MergeResult;
import dev.relocator.vector.VectorMerger;
import dev.relocator.vector.VectorReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorRelocateCommandTest {
  @TempDir Path dir;

  @Test
  void writesAnOverwriteFileWhoseMergeResolvesToRelocatedImages() throws IOException {
    Path images = Files.writeString(dir.resolve("images.yaml"), RewriteCommandsTest.resource("vector/images.yaml"));
    Path rules = Files.writeString(dir.resolve("rules.yaml"), RewriteCommandsTest.resource("vector/rules.yaml"));
    Path out = dir.resolve("overwrite.yaml");
    CliRun run = CliRun.of("vector", "relocate", "--vector", images.toString(), "--rules", rules.toString(),
        "-o", out.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    // The seed-shaped vector draws the vector reader's advice about "version"; nothing else.
    assertThat(run.err().lines()).allSatisfy(line -> assertThat(line).contains(": warning: "));
    assertThat(run.out()).isEmpty();

    ImageVector base = VectorReader.readFile(images).orThrow();
    MergeResult merged = VectorMerger.merge(base, VectorReader.readFile(out).orThrow());
    assertThat(merged.diagnostics()).isEmpty();
    ImageVector vector = merged.vector();
    assertThat(vector.find("pause-container", FindOptions.kubernetes("1.20.3", "amd64")))
        .hasToString("127.0.0.1:5000/example/pause:3.4");
    assertThat(vector.find("pause-container", FindOptions.kubernetes("1.28.0", "arm64")))
        .hasToString("127.0.0.1:5000/example/pause:3.5");
    assertThat(vector.find("hyperkube", FindOptions.kubernetes("1.18.2", "amd64")))
        .hasToString("127.0.0.1:5000/example/hyperkube:v1.18.2");
    assertThat(vector.find("coredns", FindOptions.kubernetes("1.30.0", "amd64")))
        .hasToString("127.0.0.1:5000/example/coredns:v1.11.1");
    assertThat(vector.find("etcd", FindOptions.kubernetes("1.19.0", "amd64")))
        .hasToString("127.0.0.1:5000/quay/coreos/etcd:v3.4.26");
  }

  @Test
  void printsToStandardOutputWithoutAnOutputFile() throws IOException {
    Path images = Files.writeString(dir.resolve("images.yaml"), RewriteCommandsTest.resource("vector/images.yaml"));
    Path rules = Files.writeString(dir.resolve("rules.yaml"), "rules:\n- prefix: quay.io\n  to: 127.0.0.1:5000/quay\n");
    CliRun run = CliRun.of("vector", "relocate", "--vector", images.toString(), "--rules", rules.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("# IMAGEVECTOR_OVERWRITE for images.yaml")
        .contains("ref: 127.0.0.1:5000/quay/coreos/etcd:v3.4.26")
        .doesNotContain("pause");
  }

  @Test
  void anInvalidVectorFailsWithItsFindings() throws IOException {
    Path images = Files.writeString(dir.resolve("images.yaml"), "images:\n- name: x\n  repository: Bad Repo\n  tagg: 1\n");
    Path rules = Files.writeString(dir.resolve("rules.yaml"), "rules:\n- overwriteRegistry: r.example\n");
    CliRun run = CliRun.of("vector", "relocate", "--vector", images.toString(), "--rules", rules.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).startsWith(images + ":");
  }
}
