package dev.relocator.tls.cluster;

import dev.relocator.cluster.ApiServerErrors;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.tls.TlsException;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The caBundle of every webhook in one MutatingWebhookConfiguration, whether it calls a service
 * or a URL, with the verbs its ClusterRole grants: get and patch. The patch is a JSON patch with
 * exactly the changed fields, each guarded by a test of the webhook's name, so a configuration
 * reordered in between is refused rather than patched in the wrong place.
 */
final class WebhookCaBundle {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final String name;

  WebhookCaBundle(KubernetesClient client, String name) {
    this.client = client;
    this.name = name;
  }

  String describe() {
    return "MutatingWebhookConfiguration " + name;
  }

  /**
   * Makes every webhook's caBundle {@code pem}; returns whether any needed the change, or throws
   * when the configuration is missing or cannot be read or patched.
   */
  boolean ensure(String pem) {
    String want = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    MutatingWebhookConfiguration config;
    try {
      config = client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name).get();
    } catch (KubernetesClientException e) {
      throw failure("read", e);
    }
    if (config == null) {
      throw new TlsException(describe() + " not found: the caBundle cannot be published (install it, or"
          + " correct --webhook-configuration)");
    }
    ArrayNode ops = patch(config.getWebhooks(), want);
    if (ops.isEmpty()) {
      return false;
    }
    try {
      client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name)
          .patch(PatchContext.of(PatchType.JSON), ops.toString());
      return true;
    } catch (KubernetesClientException e) {
      throw failure("patch", e);
    }
  }

  /** The JSON patch operations that set {@code want} where it is not set yet. */
  static ArrayNode patch(List<MutatingWebhook> webhooks, String want) {
    ArrayNode ops = JSON.createArrayNode();
    for (int i = 0; i < webhooks.size(); i++) {
      MutatingWebhook hook = webhooks.get(i);
      String have = hook.getClientConfig() == null ? null : hook.getClientConfig().getCaBundle();
      if (want.equals(have)) {
        continue;
      }
      String at = "/webhooks/" + i;
      ops.add(op("test", at + "/name").put("value", hook.getName()));
      ops.add(op(have == null ? "add" : "replace", at + "/clientConfig/caBundle").put("value", want));
    }
    return ops;
  }

  private static ObjectNode op(String op, String path) {
    return JSON.createObjectNode().put("op", op).put("path", path);
  }

  private TlsException failure(String verb, KubernetesClientException e) {
    return new TlsException("cannot " + verb + " " + describe() + ": "
        + ApiServerErrors.reason(e, "the service account needs get and patch on this MutatingWebhookConfiguration"), e);
  }

}
