package dev.relocator.imagemap.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A cluster-wide image map, applied to every namespace or to those its selector matches. */
@Group(ImageMap.GROUP)
@Version(ImageMap.VERSION)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ShortNames("cimap")
public class ClusterImageMap extends CustomResource<ClusterImageMapSpec, ImageMapStatus> {
  private static final long serialVersionUID = 1L;

  @Override
  protected ClusterImageMapSpec initSpec() {
    return new ClusterImageMapSpec();
  }
}
