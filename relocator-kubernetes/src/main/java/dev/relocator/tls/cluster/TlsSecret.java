package dev.relocator.tls.cluster;

import dev.relocator.cluster.ApiServerErrors;
import dev.relocator.tls.TlsException;
import dev.relocator.tls.TlsMaterial;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one TLS Secret, with exactly the verbs its Role grants: get, create (the first replica),
 * update guarded by the resourceVersion read, and watch by name. No list: a watch on one name is
 * authorised by name, a list is not.
 */
final class TlsSecret {

  /** The Secret's material as read, with the version an update must name. */
  record Stored(TlsMaterial material, String resourceVersion) {}

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  TlsSecret(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  String describe() {
    return "Secret " + namespace + "/" + name;
  }

  /** The Secret as it is, or null when it does not exist; its data may be unusable (see {@link #read}). */
  Secret get() {
    try {
      return resource().get();
    } catch (KubernetesClientException e) {
      throw failure("read", e);
    }
  }

  /** The material in {@code secret}; a {@link TlsException} names the Secret and the key at fault. */
  Stored read(Secret secret) {
    Map<String, String> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.US_ASCII)));
    }
    return new Stored(TlsMaterial.fromSecretData(data, describe()), secret.getMetadata().getResourceVersion());
  }

  /** Creates the Secret; null when another replica created it first. */
  Stored create(TlsMaterial material) {
    Secret secret = new SecretBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name)
        .addToLabels("app.kubernetes.io/managed-by", "relocator").endMetadata()
        .withType("kubernetes.io/tls")
        .withData(encode(material))
        .build();
    try {
      return new Stored(material, client.secrets().inNamespace(namespace).resource(secret).create()
          .getMetadata().getResourceVersion());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return null;
      }
      throw failure("create", e);
    }
  }

  /**
   * Replaces the data of {@code current} (read at {@code current}'s resourceVersion); null when
   * someone changed the Secret in between, so the caller reads it again.
   */
  Stored update(Secret current, TlsMaterial material) {
    Secret next = new SecretBuilder(current).withData(encode(material)).withStringData(null).build();
    try {
      return new Stored(material, client.secrets().inNamespace(namespace).resource(next).update()
          .getMetadata().getResourceVersion());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return null;
      }
      throw failure("update", e);
    }
  }

  /** Watches this Secret from {@code resourceVersion} on. */
  Watch watch(String resourceVersion, Watcher<Secret> watcher) {
    try {
      return resource().watch(new ListOptionsBuilder().withResourceVersion(resourceVersion).build(), watcher);
    } catch (KubernetesClientException e) {
      throw failure("watch", e);
    }
  }

  private Resource<Secret> resource() {
    return client.secrets().inNamespace(namespace).withName(name);
  }

  private static Map<String, String> encode(TlsMaterial material) {
    Map<String, String> data = new LinkedHashMap<>();
    material.secretData().forEach((k, v) ->
        data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.US_ASCII))));
    return data;
  }

  private TlsException failure(String verb, KubernetesClientException e) {
    return new TlsException("cannot " + verb + " " + describe() + ": "
        + ApiServerErrors.reason(e, "the service account needs get, watch and update on this Secret and create on Secrets"), e);
  }

}
