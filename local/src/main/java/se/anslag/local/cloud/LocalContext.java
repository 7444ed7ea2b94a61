package se.anslag.local.cloud;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Lambda {@link Context} of one local invocation. The remaining time counts down from the
 * function's Timeout in real time (not the handler's clock, which may travel); the timeout is not
 * enforced locally. The logger writes each line to the progress stream, prefixed with the function.
 */
public final class LocalContext implements Context {

  private final String functionLogicalId;
  private final String functionName;
  private final int memoryLimitMb;
  private final long deadlineMillis;
  private final String requestId = UUID.randomUUID().toString();
  private final LambdaLogger logger;

  public LocalContext(String functionLogicalId, String functionName, int timeoutSeconds, int memoryLimitMb,
      PrintStream progress) {
    this.functionLogicalId = functionLogicalId;
    this.functionName = functionName;
    this.memoryLimitMb = memoryLimitMb;
    this.deadlineMillis = System.currentTimeMillis() + timeoutSeconds * 1000L;
    String prefix = "[" + functionLogicalId + "] ";
    this.logger = new LambdaLogger() {
      @Override
      public void log(String message) {
        progress.println(prefix + stripTrailingNewline(message));
      }

      @Override
      public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
      }
    };
  }

  private static String stripTrailingNewline(String message) {
    return message != null && message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
  }

  public String functionLogicalId() {
    return functionLogicalId;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "local/[$LATEST]" + requestId.replace("-", "");
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT_ID + ":function:" + functionName;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryLimitMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
