package dev.haremote.common.suite.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Expressions;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * {@code suite.api-token} (env {@code SUITE_API_TOKEN}) is read as written: no {@code ${...}}
 * expansion, no {@code $$} unescaping. A random token may hold {@code $}; expanded, {@code
 * ${UNSET}} failed or emptied the token (writes silently off), {@code $$} lost a character and
 * {@code ${HOME}} became a path.
 *
 * <p>Runs outside the expression interceptor (priority 3300), so expansion is switched off for this
 * one key while the value is looked up.
 */
@Priority(Priorities.LIBRARY + 400)
public class LiteralApiToken implements ConfigSourceInterceptor {
  public static final String KEY = "suite.api-token";

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    if (KEY.equals(name)) {
      return Expressions.withoutExpansion(() -> context.proceed(name));
    }
    return context.proceed(name);
  }
}
