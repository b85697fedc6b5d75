package dev.relocator.registry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** Writes an htpasswd file with bcrypt entries, the only hash docker-registry accepts. */
public final class Htpasswd {
  private Htpasswd() {}

  /** Writes {@code user:bcrypt(password)} to {@code file} and returns it. */
  public static Path write(Path file, String user, String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    // Cost 5 keeps the registry's per-request check fast; the format is what htpasswd -B writes.
    String hash = OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 5);
    try {
      Files.writeString(file, user + ":" + hash + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
