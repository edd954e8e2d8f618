package dev.haremote.common.suite.startup;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Makes {@code peers: []} and {@code authoritative: []} in a user's application.yaml mean "an empty
 * list", as CONTRACT.md's examples write them. The YAML source turns an empty sequence into a key
 * with an empty value; for a list of groups (indexed keys such as {@code peers[0].url}) SmallRye
 * would then reject the bare key as unknown. An empty value under the suite's prefixes says nothing
 * a default does not already say, so it is hidden.
 */
@Priority(Priorities.LIBRARY + 100)
public class EmptyListKeys implements ConfigSourceInterceptor {
  private static final List<String> PREFIXES =
      List.of("suite.", "reachability.", "certwatch.", "ddns.");

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    ConfigValue value = context.proceed(name);
    return hidden(name, value) ? null : value;
  }

  @Override
  public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
    // Collected first: asking for a value while SmallRye's name iterator is open confuses it.
    List<String> names = new ArrayList<>();
    context.iterateNames().forEachRemaining(names::add);
    names.removeIf(name -> hidden(name, context.proceed(name)));
    return names.iterator();
  }

  static boolean hidden(String name, ConfigValue value) {
    return value != null
        && (value.getValue() == null || value.getValue().isEmpty())
        && PREFIXES.stream().anyMatch(name::startsWith);
  }
}
