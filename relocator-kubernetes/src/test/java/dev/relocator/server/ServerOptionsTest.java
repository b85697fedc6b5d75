package dev.relocator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.admission.FailureMode;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerOptionsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    ServerOptions d = ServerOptions.defaults();
    assertThat(d.port()).isEqualTo(8443);
    assertThat(d.bind()).isEqualTo("0.0.0.0");
    assertThat(d.retryDelay()).isEqualTo(Duration.ofMinutes(1));
    assertThat(d.rejectedUpdate()).isEqualTo(RejectedUpdate.KEEP);
    assertThat(d.failureMode()).isEqualTo(FailureMode.FAIL);
    assertThat(d.standalone()).isFalse();
    assertThat(d.withMapsDir(Path.of("maps")).standalone()).isTrue();
  }

  @Test
  void certificateWithoutKeyIsRefused() {
    assertThatThrownBy(() -> ServerOptions.defaults().withTls(Path.of("tls.crt"), null, Duration.ofSeconds(1)))
        .hasMessage("tlsCert and tlsKey: give both or neither");
  }

  @ParameterizedTest
  @CsvSource({"undeploy, UNDEPLOY", "Keep, KEEP"})
  void rejectedUpdateFlagParses(String text, RejectedUpdate expected) {
    assertThat(RejectedUpdate.parse(text)).isEqualTo(expected);
  }

  @Test
  void unknownFlagValuesAreRefusedWithTheChoices() {
    assertThatThrownBy(() -> RejectedUpdate.parse("drop")).hasMessage("\"drop\": expected keep or undeploy");
    assertThatThrownBy(() -> FailureMode.parse("open")).hasMessage("\"open\": expected ignore or fail");
    assertThat(FailureMode.parse("Ignore")).isEqualTo(FailureMode.IGNORE);
  }
}
