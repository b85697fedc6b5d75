package dev.relocator.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module's packages depend on each other in one direction: the server on the map sources and
 * the pod mutation, those on the pure consistency logic, which knows neither the wire classes nor
 * the server. Self-managed TLS is a pure part (issuance, rotation decisions) under a thin fabric8
 * shell, and knows nothing of the server that uses it.
 */
@AnalyzeClasses(packages = {"dev.relocator.imagemap", "dev.relocator.admission", "dev.relocator.server",
    "dev.relocator.policy", "dev.relocator.audit", "dev.relocator.availability", "dev.relocator.tls",
    "dev.relocator.cluster"},
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {
  @ArchTest
  static final ArchRule packagesFormNoCycle = slices().matching("dev.relocator.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theConsistencyLogicIsPure = noClasses()
      .that().resideInAPackage("dev.relocator.imagemap")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.relocator.imagemap.api", "dev.relocator.imagemap.controller", "dev.relocator.server",
          "io.fabric8.kubernetes.client..");

  @ArchTest
  static final ArchRule theWireClassesKnowNoLogic = noClasses()
      .that().resideInAPackage("dev.relocator.imagemap.api")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.relocator.imagemap", "dev.relocator.imagemap.controller", "dev.relocator.admission",
          "dev.relocator.server");

  @ArchTest
  static final ArchRule thePodMutationKnowsNoServerOrCluster = noClasses()
      .that().resideInAPackage("dev.relocator.admission")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.relocator.server", "dev.relocator.imagemap.controller", "io.fabric8.kubernetes.client..");

  @ArchTest
  static final ArchRule thePolicyDecisionIsPure = noClasses()
      .that().resideInAPackage("dev.relocator.policy")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.relocator.policy.api", "dev.relocator.imagemap.api", "dev.relocator.imagemap.controller",
          "dev.relocator.admission", "dev.relocator.server", "io.fabric8.kubernetes.client..");

  @ArchTest
  static final ArchRule thePolicyWireClassesKnowNoLogic = noClasses()
      .that().resideInAPackage("dev.relocator.policy.api")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.relocator.policy", "dev.relocator.imagemap..", "dev.relocator.admission", "dev.relocator.server");

  @ArchTest
  static final ArchRule theAuditIsPure = noClasses()
      .that().resideInAPackage("dev.relocator.audit")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.relocator.imagemap.controller", "dev.relocator.admission", "dev.relocator.server",
          "io.fabric8.kubernetes.client..");

  @ArchTest
  static final ArchRule theAvailabilityRoundsArePure = noClasses()
      .that().resideInAPackage("dev.relocator.availability")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.relocator.registry..", "dev.relocator.imagemap.controller", "dev.relocator.server",
          "io.fabric8.kubernetes..");

  @ArchTest
  static final ArchRule certificateIssuanceAndRotationArePure = noClasses()
      .that().resideInAPackage("dev.relocator.tls")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.relocator.tls.cluster", "dev.relocator.server", "io.fabric8..", "io.vertx..");

  @ArchTest
  static final ArchRule theApiServerWordingKnowsNoneOfOurPackages = noClasses()
      .that().resideInAPackage("dev.relocator.cluster")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.relocator.imagemap..", "dev.relocator.admission", "dev.relocator.server", "dev.relocator.policy..",
          "dev.relocator.audit", "dev.relocator.availability", "dev.relocator.tls..");

  @ArchTest
  static final ArchRule tlsKnowsNoServerNorMaps = noClasses()
      .that().resideInAPackage("dev.relocator.tls..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.relocator.server", "dev.relocator.imagemap..", "dev.relocator.admission");
}
