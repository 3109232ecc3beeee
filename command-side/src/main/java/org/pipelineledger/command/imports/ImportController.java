package org.pipelineledger.command.imports;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The import API (ADMIN only, as the security configuration says): upload an export as {@code multipart/form-data},
 * follow the job, read its problems as JSON or CSV.
 */
@RestController
@RequestMapping(path = "/api/imports")
class ImportController {

    static final String TEXT_CSV = "text/csv";
    static final String CSV_HEADER = "row,opportunity_id,column,value,rule,action,problem,done";

    private final CrmImporter importer;

    ImportController(CrmImporter importer) {
        this.importer = importer;
    }

    /**
     * The parts are read with the servlet's own API: {@code pipeline} names both the query parameter (the target
     * pipeline) and the opportunities file's part, so the parameter is read from the query string alone.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportJob> start(HttpServletRequest request, Authentication authentication)
            throws IOException, ServletException {
        Actor actor = admin(authentication);
        List<String> pipelines = UriComponentsBuilder.newInstance().query(request.getQueryString()).build()
                .getQueryParams().getOrDefault("pipeline", List.of("crm"));
        String pipeline = URLDecoder.decode(pipelines.get(0), StandardCharsets.UTF_8);
        List<CrmImporter.Source> sources = new ArrayList<>();
        for (Part part : request.getParts()) {
            String fileName = part.getSubmittedFileName() == null ? part.getName() : part.getSubmittedFileName();
            sources.add(new CrmImporter.Source(part.getName(), fileName, part::getInputStream));
        }
        ImportJob job = importer.submit(pipeline, sources, actor);
        return ResponseEntity.accepted().location(URI.create(request.getContextPath() + "/api/imports/" + job.id()))
                .body(job);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<ImportJob> all() {
        return importer.all();
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ImportJob one(@PathVariable String id) {
        return importer.find(id).orElseThrow(() -> notFound(id));
    }

    @GetMapping(path = "/{id}/problems", produces = MediaType.APPLICATION_JSON_VALUE)
    List<RowProblem> problems(@PathVariable String id) {
        one(id);
        List<RowProblem> problems = new ArrayList<>();
        importer.problems(id, problems::add);
        return problems;
    }

    /** The same problems as CSV, written as they are read. */
    @GetMapping(path = "/{id}/problems", produces = TEXT_CSV)
    void problemsAsCsv(@PathVariable String id, HttpServletResponse response) throws IOException {
        one(id);
        response.setContentType(TEXT_CSV + ";charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-problems.csv\"");
        PrintWriter out = response.getWriter();
        out.print(CSV_HEADER + "\r\n");
        importer.problems(id, problem -> out.print(csvLine(problem)));
        out.flush();
        if (out.checkError()) {
            throw new UncheckedIOException(new IOException("the client stopped reading the problems"));
        }
    }

    static String csvLine(RowProblem problem) {
        return Stream.of(String.valueOf(problem.row()), problem.opportunityId(), problem.column(), problem.value(),
                        problem.rule().name(), problem.action().name(), problem.problem(), problem.done())
                .map(CsvReader::quote).collect(Collectors.joining(",", "", "\r\n"));
    }

    private static LedgerException notFound(String id) {
        return new LedgerException(ProblemCode.IMPORT_NOT_FOUND, "no import with id '" + id + "'");
    }

    /** The security configuration lets only admins here; refusing anyone else as well keeps a gap there harmless. */
    private static Actor admin(Authentication authentication) {
        boolean admin = authentication != null && authentication.isAuthenticated() && authentication.getAuthorities()
                .stream().map(GrantedAuthority::getAuthority).anyMatch("ROLE_ADMIN"::equals);
        if (!admin) {
            throw new LedgerException(ProblemCode.ACCESS_DENIED, "only admins may import");
        }
        return Actor.admin(authentication.getName());
    }
}
