package org.pipelineledger.app;

import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (public, like the health check): what the API is, how to log in,
 * and the problem answers every operation can give, which springdoc cannot see in the error handling on its own.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BASIC_AUTH = "basicAuth";
    static final String PROBLEM = "Problem";

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
                .components(new Components()
                        .addSecuritySchemes(BASIC_AUTH, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("basic")
                                .description("The embedded profile has demo users rep, rep2, manager, analyst, "
                                        + "auditor and admin, password demo.")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
    }

    /** Adds the problem answers to every API operation that does not document them itself. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            // springdoc rebuilds the schemas from the controllers, so the Problem schema is added here, not above
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/api/")) {
                    return;
                }
                boolean namesADeal = path.contains("{");
                item.readOperationsMap().forEach((method, operation) -> {
                    boolean changes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
                    addProblem(operation, "400",
                            "Malformed request, invalid parameter or value, or validation failure");
                    addProblem(operation, "401", "No or wrong HTTP Basic credentials");
                    if (changes) {
                        addProblem(operation, "403", "The caller's role or ownership does not allow this change");
                    }
                    if (namesADeal) {
                        addProblem(operation, "404", "No such opportunity");
                    }
                    if (changes) {
                        addProblem(operation, "409",
                                "Conflicts with the deal's state: closed, same stage, stale version");
                        addProblem(operation, "422", "A business rule refuses the change");
                    }
                    addProblem(operation, "500", "Unexpected failure; quote the requestId");
                });
            });
        };
    }

    private static void addProblem(Operation operation, String status, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().computeIfAbsent(status, ignored -> new ApiResponse()
                .description(description)
                .content(new Content().addMediaType(APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    private static Schema<?> problemSchema() {
        Schema<?> invalidField = new ObjectSchema()
                .addProperty("field", new StringSchema().description("JSON path or parameter name"))
                .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("RFC 9457 problem detail. Branch on `code`; `detail` is for people.")
                .addProperty("type", new StringSchema().format("uri")
                        .description("Identifies the problem type; not a link"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("The path requested"))
                .addProperty("code", new StringSchema().example("STALE_VERSION")
                        .description("Stable, upper snake case"))
                .addProperty("requestId", new StringSchema().description("The request's X-Request-Id"))
                .addProperty("field", new StringSchema()
                        .description("MALFORMED_REQUEST: the field that could not be read"))
                .addProperty("parameter", new StringSchema().description("INVALID_PARAMETER: the parameter"))
                .addProperty("errors", new ArraySchema().items(invalidField)
                        .description("VALIDATION_FAILED: every invalid field"))
                .required(List.of("type", "title", "status", "code"));
    }
}
