package dev.haremote.lab;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One lab for the whole test run, handed to tests as a {@link Lab} parameter: built by the first
 * test that asks (after the preconditions; see {@link LabPreconditions}), reconfigured between
 * scenarios, torn down when JUnit finishes (the root store closes it) or the JVM exits.
 */
final class SharedLab implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Lab.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    LabPreconditions.requireLab();
    return context
        .getRoot()
        .getStore(Namespace.GLOBAL)
        .getOrComputeIfAbsent("halab", key -> new Holder(Lab.up()), Holder.class)
        .lab;
  }

  /** Closed by JUnit at the end of the run. */
  private record Holder(Lab lab) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      lab.close();
    }
  }
}
