package org.pipelineledger.query.web;

import java.util.List;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The pipelines the ledger knows (configuration, not a read model), so a client can offer them: the board does. */
@RestController
class PipelinesController {

    record Pipelines(List<Pipeline> pipelines) {
    }

    record Pipeline(String key, String displayName, String currency, List<Stage> stages) {
    }

    record Stage(String key, String displayName) {
    }

    private final PipelineCatalog catalog;

    PipelinesController(PipelineCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping(path = "/api/pipelines", produces = MediaType.APPLICATION_JSON_VALUE)
    Pipelines pipelines() {
        return new Pipelines(catalog.all().stream().map(PipelinesController::pipeline).toList());
    }

    private static Pipeline pipeline(PipelineDefinition definition) {
        return new Pipeline(definition.key(), definition.displayName(), definition.currency(),
                definition.stages().stream().map(stage -> new Stage(stage.key().value(), stage.displayName())).toList());
    }
}
