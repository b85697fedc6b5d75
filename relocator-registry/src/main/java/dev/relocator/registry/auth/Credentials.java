package dev.relocator.registry.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name and password (or token used as password) for one registry; or, with Docker's
 * convention of the user name {@code <token>}, an identity token (an OAuth2 refresh token) that
 * only a Bearer token service accepts.
 */
public record Credentials(String username, String password) {
  /** The user name Docker's credential helpers return with an identity token as secret. */
  public static final String IDENTITY_TOKEN_USER = "<token>";

  public Credentials {
    if (username == null || username.isEmpty()) {
      throw new IllegalArgumentException("credentials need a user name");
    }
    if (password == null) {
      throw new IllegalArgumentException("credentials for \"" + username + "\" need a password");
    }
  }

  /** An identity token (Docker's {@code identitytoken}), exchanged at the token service. */
  public static Credentials identityToken(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("an identity token must not be empty");
    }
    return new Credentials(IDENTITY_TOKEN_USER, token);
  }

  /** Whether {@link #password()} is an identity token rather than a password. */
  public boolean isIdentityToken() {
    return IDENTITY_TOKEN_USER.equals(username);
  }

  /** Decodes Docker's {@code auth} field, base64 of {@code user:password}. */
  public static Credentials fromDockerAuth(String auth) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("docker config auth entry is not base64", e);
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("docker config auth entry is not base64 of user:password");
    }
    return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /** The value of a Basic {@code Authorization} header. */
  public String basicHeader() {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "Credentials[" + username + ", ****]";
  }
}
