package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import dev.relocator.registry.testing.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code relocator mirror} reading an htpasswd registry with credentials from a Docker credential helper. */
class CredentialHelperCommandIT {
  private static final String CREDS = RegistryServer.USER + ":" + RegistryServer.PASSWORD;

  @TempDir Path dir;

  /** Runs {@code mirror args} with {@code env} as the process environment. */
  private static CliRun mirror(Map<String, String> env, String... args) {
    MirrorCommand command = new MirrorCommand();
    command.scope.registryOptions = new RegistryOptions();
    command.scope.registryOptions.environment = env;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void credentialsComeFromTheCredsStoreHelperOnTheGivenPath() throws Exception {
    TestImages images = TestImages.small(dir.resolve("layout"));
    try (RegistryServer secured = RegistryServer.builder(dir.resolve("secured")).htpasswd().start();
        RegistryServer open = RegistryServer.builder(dir.resolve("open")).start()) {
      // The helper knows the secured registry only, as a keychain would.
      Path bin = Files.createDirectories(dir.resolve("bin"));
      Path helper = bin.resolve("docker-credential-relocatortest");
      Files.writeString(helper, "#!/bin/sh\nread server\n"
          + "[ \"$server\" = \"" + secured.hostPort() + "\" ] || { echo 'credentials not found in native keychain'; exit 1; }\n"
          + "printf '{\"ServerURL\":\"%s\",\"Username\":\"" + RegistryServer.USER + "\",\"Secret\":\""
          + RegistryServer.PASSWORD + "\"}' \"$server\"\n");
      assertThat(helper.toFile().setExecutable(true)).isTrue();
      CliRun seed = CliRun.of("mirror", "--from", "oci:" + images.layout.dir(), "--to", secured.hostPort(),
          "--insecure-registry", secured.hostPort(), "--creds", secured.hostPort() + "=" + CREDS);
      assertThat(seed.exitCode()).as(seed.err()).isZero();
      Path list = dir.resolve("images.txt");
      Files.write(list, images.names().stream().map(n -> secured.hostPort() + "/" + n).toList());
      Path config = Files.createDirectories(dir.resolve("docker"));
      Files.writeString(config.resolve("config.json"), "{\"auths\":{\"" + secured.hostPort() + "\":{}},"
          + "\"credsStore\":\"relocatortest\"}");
      String[] mirrorArgs = {"--images", list.toString(), "--to", open.hostPort() + "/copy",
          "--insecure-registry", secured.hostPort(), "--insecure-registry", open.hostPort()};

      CliRun copied = mirror(Map.of("DOCKER_CONFIG", config.toString(), "PATH", bin.toString()), mirrorArgs);
      assertThat(copied.exitCode()).as(copied.err()).isZero();
      assertThat(copied.out()).startsWith("3 copied, 0 already present of 3 images; ");
      for (String name : images.names()) {
        assertThat(Skopeo.rawDigest("docker://" + open.hostPort() + "/copy/" + name, "--tls-verify=false"))
            .isEqualTo(images.digest(name));
      }

      CliRun noHelper = mirror(Map.of("DOCKER_CONFIG", config.toString(), "PATH", dir.resolve("empty").toString()),
          mirrorArgs);
      assertThat(noHelper.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(noHelper.err()).contains("credential helper docker-credential-relocatortest (named in docker "
          + "config.json) is not on PATH");
    }
  }
}
