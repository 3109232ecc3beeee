package org.pipelineledger.command.imports;

import java.util.List;

/** The files of a CRM export an import reads, each with the part (upload field) it comes in and its exact columns. */
enum ExportPart {
    PIPELINE("pipeline", List.of("opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date",
            "close_date", "close_value")),
    TEAMS("teams", List.of("sales_agent", "manager", "regional_office")),
    ACCOUNTS("accounts", List.of("account", "sector", "year_established", "revenue", "employees", "office_location",
            "subsidiary_of")),
    PRODUCTS("products", List.of("product", "series", "sales_price"));

    private final String partName;
    private final List<String> columns;

    ExportPart(String partName, List<String> columns) {
        this.partName = partName;
        this.columns = columns;
    }

    String partName() {
        return partName;
    }

    List<String> columns() {
        return columns;
    }

    static ExportPart named(String partName) {
        for (ExportPart part : values()) {
            if (part.partName.equals(partName)) {
                return part;
            }
        }
        return null;
    }
}
