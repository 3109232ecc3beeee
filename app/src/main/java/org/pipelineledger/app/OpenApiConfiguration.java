package org.pipelineledger.app;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at {@code /v3/api-docs} (public, like the health check): what the API is and how to log in. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BASIC_AUTH = "basicAuth";

    @Bean
    OpenAPI ledgerOpenApi(@Value("${ledger.api-version:dev}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("Pipeline Ledger API")
                        .version(version)
                        .description("""
                                An event-sourced ledger of a sales pipeline. Commands (POST) record what happened to \
                                a deal as events; queries (GET) read projections built from those events: the board, \
                                days in stage, slippage, backward moves and each deal's history.

                                Authentication is HTTP Basic. Every role may read; REP, MANAGER and ADMIN may \
                                change deals (a REP only its own), and only ADMIN may supply a past `occurredAt`.

                                Every error is an RFC 9457 problem (`application/problem+json`) with a stable \
                                `code`, for example `VALIDATION_FAILED` (400, with an `errors` list), \
                                `MALFORMED_REQUEST` (400), `UNAUTHENTICATED` (401), `ACCESS_DENIED` (403), \
                                `OPPORTUNITY_NOT_FOUND` (404), `STALE_VERSION` (409); business rules answer 422. \
                                A request's `X-Request-Id` comes back as `requestId`."""))
                .components(new Components().addSecuritySchemes(BASIC_AUTH, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("The embedded profile has demo users rep, rep2, manager, analyst, auditor "
                                + "and admin, password demo.")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
    }
}
