package dev.relocator.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module's packages depend on each other in one direction only, from the copy engine down to the errors. */
@AnalyzeClasses(packages = {"dev.relocator.registry", "dev.relocator.oci", "dev.relocator.mirror", "dev.relocator.signature"},
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {
  @ArchTest
  static final ArchRule packagesFormNoCycle = slices().matching("dev.relocator.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theOciModelAndTheErrorsKnowNoClient = noClasses()
      .that().resideInAnyPackage("dev.relocator.oci..", "dev.relocator.registry.error")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.relocator.registry", "dev.relocator.registry.auth", "dev.relocator.registry.http", "dev.relocator.mirror");

  @ArchTest
  static final ArchRule theTransportKnowsNoOperationAuthOrModel = noClasses()
      .that().resideInAPackage("dev.relocator.registry.http")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.relocator.registry", "dev.relocator.registry.auth", "dev.relocator.oci..", "dev.relocator.mirror");

  @ArchTest
  static final ArchRule onlyTheCopyEngineUsesTheCopyEngine = noClasses()
      .that().resideOutsideOfPackage("dev.relocator.mirror")
      .should().dependOnClassesThat().resideInAPackage("dev.relocator.mirror");

  /** Signature verification is pure: it reads the OCI model, never a registry; the copy engine feeds it. */
  @ArchTest
  static final ArchRule signatureVerificationIsPure = noClasses()
      .that().resideInAPackage("dev.relocator.signature")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.relocator.registry", "dev.relocator.registry.auth", "dev.relocator.registry.http", "dev.relocator.mirror",
          "dev.relocator.oci.layout");
}
