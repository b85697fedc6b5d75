package dev.relocator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aReplicationControllerAndAPodTemplateAreAuditedThroughTheirTemplates() throws Exception {
    Workload rc = Workload.of(JSON.readTree("""
        {"kind": "ReplicationController", "metadata": {"name": "legacy", "namespace": "shop"},
         "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}
        """)).orElseThrow();
    assertThat(rc.kind()).isEqualTo("ReplicationController");
    assertThat(rc.podSpec().at("/containers/0/image").asText()).isEqualTo("nginx:1.27");

    Workload template = Workload.of(JSON.readTree("""
        {"kind": "PodTemplate", "metadata": {"name": "job-base"},
         "template": {"spec": {"containers": [{"name": "run", "image": "busybox:1.36"}]}}}
        """)).orElseThrow();
    assertThat(template.namespace()).isEqualTo("default");
    assertThat(template.podSpec().at("/containers/0/image").asText()).isEqualTo("busybox:1.36");
  }

  @Test
  void aPodAReplicationControllerOwnsIsAuditedThroughItsOwner() throws Exception {
    assertThat(Workload.of(JSON.readTree("""
        {"kind": "Pod", "metadata": {"name": "legacy-x1", "namespace": "shop",
           "ownerReferences": [{"kind": "ReplicationController", "name": "legacy", "controller": true}]},
         "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}
        """))).isEmpty();
  }
}
