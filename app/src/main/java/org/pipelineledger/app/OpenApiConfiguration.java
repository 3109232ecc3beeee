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
import io.swagger.v3.oas.models.parameters.Parameter;
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
    static final String IDEMPOTENCY_KEY = "IdempotencyKey";
    /** Every command is a POST under this path (OpportunityCommandController). */
    static final String COMMANDS = "/api/opportunities";

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
                                A request's `X-Request-Id` comes back as `requestId`.

                                Every command takes an optional `Idempotency-Key` header (1-255 printable ASCII \
                                characters, the caller's own): the same request repeated with the same key within \
                                24 hours gets the first answer again (status, body and `Location`) and changes \
                                nothing; the key with another body or path is `IDEMPOTENCY_KEY_REUSED` (422); while \
                                a request with the key is still being handled, `IDEMPOTENCY_KEY_IN_USE` (409). \
                                Only accepted commands are remembered: a refused one can be repeated with its key."""))
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
            openApi.getComponents().addParameters(IDEMPOTENCY_KEY, idempotencyKeyParameter());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/api/")) {
                    return;
                }
                boolean namesADeal = path.contains("{");
                boolean commands = path.equals(COMMANDS) || path.startsWith(COMMANDS + "/");
                item.readOperationsMap().forEach((method, operation) -> {
                    boolean changes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
                    boolean command = commands && method == PathItem.HttpMethod.POST;
                    if (command) {
                        addIdempotencyKey(operation);
                    }
                    addProblem(operation, "400",
                            "Malformed request, invalid parameter or value, or validation failure");
                    addProblem(operation, "401", "No or wrong HTTP Basic credentials");
                    if (changes) {
                        addProblem(operation, "403", "The caller's role or ownership does not allow this change");
                    }
                    if (namesADeal) {
                        addProblem(operation, "404", "No such opportunity");
                    }
                    if (command) {
                        addProblem(operation, "409", "Conflicts with the deal's state: closed, same stage, stale "
                                + "version; or a request with the same Idempotency-Key is still being handled "
                                + "(IDEMPOTENCY_KEY_IN_USE)");
                        addProblem(operation, "422", "A business rule refuses the change; or the Idempotency-Key "
                                + "was used for another request (IDEMPOTENCY_KEY_REUSED)");
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

    /** Once, like the problems: the customizer may see the same operation again. */
    private static void addIdempotencyKey(Operation operation) {
        String ref = "#/components/parameters/" + IDEMPOTENCY_KEY;
        if (operation.getParameters() == null
                || operation.getParameters().stream().noneMatch(parameter -> ref.equals(parameter.get$ref()))) {
            operation.addParametersItem(new Parameter().$ref(ref));
        }
    }

    private static Parameter idempotencyKeyParameter() {
        return new Parameter()
                .in("header")
                .name("Idempotency-Key")
                .required(false)
                .description("Makes the command safe to repeat. The same request (method, path and body bytes) "
                        + "with the same key from the same user, within 24 hours, is answered as the first time it "
                        + "was accepted and changes nothing. A refused command is not remembered.")
                .schema(new StringSchema().minLength(1).maxLength(255).pattern("^[\\x20-\\x7E]+$")
                        .example("3f2c9a1e-7b4d-4c55-9d0e-2a6b8f1c4e77"));
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
