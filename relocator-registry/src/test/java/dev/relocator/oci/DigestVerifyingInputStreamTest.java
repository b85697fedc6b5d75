package dev.relocator.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.Digest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestVerifyingInputStreamTest {
  private final byte[] content = "layer bytes".getBytes(StandardCharsets.UTF_8);

  @Test
  void matchingContentReadsThrough() throws Exception {
    try (InputStream in = new DigestVerifyingInputStream(new ByteArrayInputStream(content), Digest.sha256(content), content.length, "t")) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void otherContentFailsAtTheEndNamingBothDigests() {
    Digest expected = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
    InputStream in = new DigestVerifyingInputStream(new ByteArrayInputStream(content), expected, -1, "pull blob x");
    assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
        .hasMessage("pull blob x: content hashed to " + Digest.sha256(content) + ", expected " + expected);
  }

  @Test
  void truncatedContentFailsWithTheCounts() {
    InputStream in = new DigestVerifyingInputStream(new ByteArrayInputStream(content, 0, 4), Digest.sha256(content),
        content.length, "pull blob x");
    assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
        .hasMessage("pull blob x: blob " + Digest.sha256(content) + " ended after 4 of " + content.length + " bytes");
  }

  @Test
  void longerContentFailsAsSoonAsItExceedsTheSize() {
    InputStream in = new DigestVerifyingInputStream(new ByteArrayInputStream(content), Digest.sha256(content), 3, "t");
    assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream())).hasMessageContaining("longer than its 3 bytes");
  }

  @Test
  void sizeOnlyPassesOtherContentOfTheRightSize() throws Exception {
    Digest other = Digest.sha256("other bytes".getBytes(StandardCharsets.UTF_8));
    try (InputStream in = DigestVerifyingInputStream.sizeOnly(new ByteArrayInputStream(content), other, content.length, "t")) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void sizeOnlyStillFailsOnTruncatedAndLongerContent() {
    Digest digest = Digest.sha256(content);
    InputStream truncated = DigestVerifyingInputStream.sizeOnly(new ByteArrayInputStream(content, 0, 4), digest,
        content.length, "copy blob x");
    assertThatThrownBy(() -> truncated.transferTo(OutputStream.nullOutputStream()))
        .hasMessage("copy blob x: blob " + digest + " ended after 4 of " + content.length + " bytes");
    InputStream longer = DigestVerifyingInputStream.sizeOnly(new ByteArrayInputStream(content), digest, 3, "t");
    assertThatThrownBy(() -> longer.transferTo(OutputStream.nullOutputStream())).hasMessageContaining("longer than its 3 bytes");
  }
}
