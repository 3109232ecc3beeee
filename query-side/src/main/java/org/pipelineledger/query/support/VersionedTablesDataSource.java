package org.pipelineledger.query.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The data source the read models' JDBC templates use: the application's own, in its transactions (a
 * {@link TransactionAwareDataSourceProxy}, which Spring's transaction managers see through), with every statement's
 * table names rewritten by {@link ReadModelTables} to the version meant (ADR 0019). Statements that name no read
 * model's table pass unchanged.
 */
public class VersionedTablesDataSource extends TransactionAwareDataSourceProxy {

    private static final Set<String> WITH_SQL = Set.of("prepareStatement", "prepareCall", "nativeSQL");
    private static final Set<String> STATEMENT_WITH_SQL = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "addBatch");

    private final ReadModelTables tables;

    public VersionedTablesDataSource(DataSource target, ReadModelTables tables) {
        super(target);
        this.tables = tables;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    rewriteFirst(method, args, WITH_SQL);
                    Object result = invoke(method, connection, args);
                    return result instanceof Statement statement && method.getName().equals("createStatement")
                            ? statement(statement) : result;
                });
    }

    private Statement statement(Statement statement) {
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[]{Statement.class},
                (proxy, method, args) -> {
                    rewriteFirst(method, args, STATEMENT_WITH_SQL);
                    return invoke(method, statement, args);
                });
    }

    private void rewriteFirst(Method method, Object[] args, Set<String> methods) {
        if (args != null && args.length > 0 && args[0] instanceof String sql && methods.contains(method.getName())) {
            args[0] = tables.rewrite(sql);
        }
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getTargetException();
        }
    }
}
