package org.pipelineledger.app.problem;

import java.math.BigDecimal;
import java.util.List;
import org.pipelineledger.events.Outlook;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A test-only endpoint with every kind of field the commands take: text, a version, an amount, an enum, a list. */
@TestComponent
@RestController
@RequestMapping("/api/stub/strict")
class StrictJsonController {

    record Change(String text, Long expectedVersion, BigDecimal amount, Outlook outlook, List<Item> items) {
    }

    record Item(Long count, String label) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    String accept(@RequestBody Change change) {
        return "accepted";
    }
}
