package dev.relocator.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/**
 * How a refusal from the API server reads in our messages: its own sentence and status code, not
 * fabric8's dump of the whole request and Status object, and for a 403 the RBAC rule to check.
 */
public final class ApiServerErrors {

  private ApiServerErrors() {}

  /**
   * Why {@code e} happened, as {@code HTTP 403: secrets "tls" is forbidden: ... (RULE)}; {@code
   * rbacRule} (what the service account needs) is added only when the API server said 403.
   */
  public static String reason(KubernetesClientException e, String rbacRule) {
    String said = e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage() : String.valueOf(e.getMessage());
    String why = e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + said : said;
    if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
      why += " (" + rbacRule + ")";
    }
    return why;
  }
}
