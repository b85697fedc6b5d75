package dev.relocator.policy.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The registries pods may pull from once relocated: checked by the webhook after relocation, for
 * the namespaces its selector matches.
 */
@Group("relocator.dev")
@Version("v1alpha1")
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.mode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ShortNames("cipol")
public class ClusterImagePolicy extends CustomResource<ClusterImagePolicySpec, Void> {
  private static final long serialVersionUID = 1L;

  @Override
  protected ClusterImagePolicySpec initSpec() {
    return new ClusterImagePolicySpec();
  }
}
