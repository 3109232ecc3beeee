package org.pipelineledger.command.imports;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the optional files of an export say about a row: the sales agent's team and office, the account's sector and
 * size, the product's spelling and list price. Each is absent when its file was not given, which the rules treat
 * differently from a name the file does not know. These files are a few dozen rows, so they are read into memory.
 */
final class CrmReferences {

    record Team(String manager, String region) {
    }

    record Account(String sector, Integer employees) {
    }

    record Product(String name, BigDecimal listPrice) {
    }

    private final Map<String, Team> teams;
    private final Map<String, Account> accounts;
    private final Map<String, Product> products;

    private CrmReferences(Map<String, Team> teams, Map<String, Account> accounts, Map<String, Product> products) {
        this.teams = teams;
        this.accounts = accounts;
        this.products = products;
    }

    static final CrmReferences NONE = new CrmReferences(null, null, null);

    /** From the files given (each may be null); a name repeated in a file keeps its first row. */
    static CrmReferences of(ExportFile teamsFile, ExportFile accountsFile, ExportFile productsFile) {
        Map<String, Team> teams = null;
        if (teamsFile != null) {
            teams = new HashMap<>();
            for (ExportFile.Row row : teamsFile.allRows()) {
                if (row.get("sales_agent") != null) {
                    teams.putIfAbsent(row.get("sales_agent"), new Team(row.get("manager"), row.get("regional_office")));
                }
            }
        }
        Map<String, Account> accounts = null;
        if (accountsFile != null) {
            accounts = new HashMap<>();
            for (ExportFile.Row row : accountsFile.allRows()) {
                if (row.get("account") != null) {
                    accounts.putIfAbsent(row.get("account"),
                            new Account(row.get("sector"), wholeNumber(row.get("employees"))));
                }
            }
        }
        Map<String, Product> products = null;
        if (productsFile != null) {
            products = new HashMap<>();
            for (ExportFile.Row row : productsFile.allRows()) {
                if (row.get("product") != null) {
                    products.putIfAbsent(productKey(row.get("product")),
                            new Product(row.get("product"), amount(row.get("sales_price"))));
                }
            }
        }
        return new CrmReferences(teams, accounts, products);
    }

    /** For tests: the maps as given, null for a file not given. */
    static CrmReferences of(Map<String, Team> teams, Map<String, Account> accounts, Map<String, Product> products) {
        Map<String, Product> byKey = null;
        if (products != null) {
            byKey = new HashMap<>();
            for (Product product : products.values()) {
                byKey.put(productKey(product.name()), product);
            }
        }
        return new CrmReferences(teams, accounts, byKey);
    }

    /** Products are matched ignoring case and whitespace: the pipeline's {@code GTXPro} is products' {@code GTX Pro}. */
    static String productKey(String product) {
        return product.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    boolean hasTeams() {
        return teams != null;
    }

    boolean hasAccounts() {
        return accounts != null;
    }

    boolean hasProducts() {
        return products != null;
    }

    Optional<Team> team(String agent) {
        return teams == null ? Optional.empty() : Optional.ofNullable(teams.get(agent));
    }

    Optional<Account> account(String account) {
        return accounts == null ? Optional.empty() : Optional.ofNullable(accounts.get(account));
    }

    Optional<Product> product(String product) {
        return products == null ? Optional.empty() : Optional.ofNullable(products.get(productKey(product)));
    }

    private static Integer wholeNumber(String value) {
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal amount(String value) {
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
