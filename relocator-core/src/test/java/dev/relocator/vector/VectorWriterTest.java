package dev.relocator.vector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VectorWriterTest {

  @Test
  void writesGardenerOrderQuotesNumericStringsAndKeepsPemAsALiteralBlock() {
    String pem = TestVectors.resource("ca-valid.pem");
    String input =
        "owner: platform\n"
            + "images:\n"
            + "- tag: '3.10'\n"
            + "  custom: {nested: [1, two]}\n"
            + "  name: pause\n"
            + "  architectures: [arm64]\n"
            + "  repository: upstream.example/pause\n"
            + "  labels:\n"
            + "  - {name: l, value: {exposure: private, enforced: true}}\n"
            + "caBundle:\n"
            + "  inline: |\n"
            + pem.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
    VectorReadResult read = VectorReader.read("in.yaml", input);
    assertThat(read.errors()).isEmpty();
    String yaml = VectorWriter.write(read.vector());
    assertThat(yaml)
        .startsWith(
            "images:\n"
                + "- name: pause\n"
                + "  repository: upstream.example/pause\n"
                + "  tag: '3.10'\n"
                + "  architectures:\n"
                + "  - arm64\n"
                + "  labels:\n"
                + "  - name: l\n"
                + "    value:\n"
                + "      exposure: private\n"
                + "      enforced: true\n"
                + "  custom:\n"
                + "    nested:\n"
                + "    - 1\n"
                + "    - two\n"
                + "caBundle:\n"
                + "  inline: |\n"
                + "    -----BEGIN CERTIFICATE-----\n")
        .endsWith("    -----END CERTIFICATE-----\nowner: platform\n");
    VectorReadResult again = VectorReader.read("out.yaml", yaml);
    assertThat(again.vector().caBundle().inline()).isEqualTo(pem);
    assertThat(again.vector().entries().get(0).tag()).isEqualTo("3.10");
    assertThat(VectorWriter.write(again.vector())).isEqualTo(yaml);
  }
}
