package dev.haremote.labkit;

final class LabkitModule {
  private LabkitModule() {}
}
