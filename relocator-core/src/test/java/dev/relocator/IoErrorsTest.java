package dev.relocator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {

  @Test
  void fileErrorsWhoseMessageIsOnlyThePathGetTheirReason() {
    assertThat(IoErrors.reason(new NoSuchFileException("images.txt"))).isEqualTo("no such file or directory");
    assertThat(IoErrors.reason(new AccessDeniedException("images.txt"))).isEqualTo("permission denied");
    assertThat(IoErrors.reason(new FileSystemException("/proc/x", null, "Read-only file system")))
        .isEqualTo("read-only file system");
    assertThat(IoErrors.reason(new MalformedInputException(1))).isEqualTo("not UTF-8 text");
  }

  @Test
  void connectionErrorsWithoutAMessageSayWhatHappened() {
    assertThat(IoErrors.reason(new ConnectException())).isEqualTo("connection refused");
    assertThat(IoErrors.reason(new ConnectException("Connection reset"))).isEqualTo("Connection reset");
    assertThat(IoErrors.reason(new HttpConnectTimeoutException("HTTP connect timed out")))
        .isEqualTo("connection timed out");
  }

  @Test
  void aHostThatDoesNotResolveIsNamedAsUnknown() {
    assertThat(IoErrors.reason(new UnknownHostException("registry.invalid"))).isEqualTo("unknown host registry.invalid");
    assertThat(IoErrors.reason(new UnknownHostException("registry.invalid: Name or service not known")))
        .isEqualTo("unknown host registry.invalid (Name or service not known)");
    assertThat(IoErrors.reason(new UnknownHostException())).isEqualTo("unknown host");
  }

  @Test
  void otherErrorsKeepTheirMessageOrNameTheirType() {
    assertThat(IoErrors.reason(new IOException("stream closed"))).isEqualTo("stream closed");
    assertThat(IoErrors.reason(new IOException())).isEqualTo("IOException");
    assertThat(IoErrors.reason(new UncheckedIOException(new NoSuchFileException("a")))).isEqualTo("no such file or directory");
  }

  @Test
  void describeNamesTheFileOfAFileErrorAndOtherwiseSaysIoError() {
    assertThat(IoErrors.describe(new NoSuchFileException("images.txt")))
        .isEqualTo("cannot access images.txt: no such file or directory");
    assertThat(IoErrors.describe(new AccessDeniedException("images.txt")))
        .isEqualTo("cannot access images.txt: permission denied");
    assertThat(IoErrors.describe(new FileSystemException("/proc/x", null, "Read-only file system")))
        .isEqualTo("cannot access /proc/x: read-only file system");
    assertThat(IoErrors.describe(new ConnectException())).isEqualTo("I/O error: connection refused");
    assertThat(IoErrors.describe(new IOException("stream closed"))).isEqualTo("I/O error: stream closed");
  }
}
