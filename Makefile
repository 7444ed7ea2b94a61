# Builds the Lambda artifacts for `sam build` (template.yaml: Metadata BuildMethod
# makefile). sam build runs `make build-<LogicalId>` in a copy of the repository
# root with ARTIFACTS_DIR set; the same works by hand:
#
#   make build-NoticeBoardFunction ARTIFACTS_DIR=/tmp/board
#
# Each target builds one function module (and what it depends on) with Maven and
# puts its shaded jar into $(ARTIFACTS_DIR)/lib/, where the Java runtime puts
# every jar on the class path. Extra Maven options: MAVEN_ARGS, e.g. MAVEN_ARGS=-o.

JDK25_FALLBACK := /usr/lib/jvm/temurin-25-jdk-amd64

# yes if $(1) is the home of a JDK 25 (its `java -version` says "25" or "25.x").
is_jdk25 = $(shell [ -x '$(1)/bin/java' ] && '$(1)/bin/java' -version 2>&1 | grep -Eq 'version "25[."]' && echo yes)

ifeq ($(call is_jdk25,$(JAVA_HOME)),yes)
  JDK25_HOME := $(JAVA_HOME)
else ifeq ($(call is_jdk25,$(JDK25_FALLBACK)),yes)
  JDK25_HOME := $(JDK25_FALLBACK)
else
  JDK25_HOME :=
endif

# The version in the shaded jar's name, read from the root pom (the version that
# follows the parent's artifactId), so a version bump needs no edit here.
PROJECT_VERSION := $(shell sed -n '/<artifactId>anslag-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q;}' pom.xml)

FUNCTIONS := ProtocolIntakeFunction DecisionMailerFunction NoticeBoardFunction DeliveryEventsFunction ClerkDeskFunction \
  BoardSubscriptionsFunction

build-ProtocolIntakeFunction: MODULE := protocol-intake
build-DecisionMailerFunction: MODULE := decision-mailer
build-NoticeBoardFunction: MODULE := notice-board
build-DeliveryEventsFunction: MODULE := delivery-events
build-ClerkDeskFunction: MODULE := clerk-desk
build-BoardSubscriptionsFunction: MODULE := board-subscriptions

.PHONY: $(addprefix build-,$(FUNCTIONS))

# Maven 3.9+ also reads MAVEN_ARGS from the environment, and make exports a
# variable given on its command line: unset it for mvn so that the options
# are passed once, on every Maven version.
$(addprefix build-,$(FUNCTIONS)):
	$(if $(JDK25_HOME),,$(error No JDK 25 found: JAVA_HOME ($(or $(JAVA_HOME),unset)) is not a JDK 25 and neither is $(JDK25_FALLBACK). Install a JDK 25 or point JAVA_HOME at one))
	$(if $(ARTIFACTS_DIR),,$(error ARTIFACTS_DIR is not set: sam build sets it; by hand, run make $@ ARTIFACTS_DIR=<directory>))
	$(if $(PROJECT_VERSION),,$(error Cannot read the project version from pom.xml; run make from the repository root))
	env -u MAVEN_ARGS JAVA_HOME='$(JDK25_HOME)' PATH='$(JDK25_HOME)/bin':"$$PATH" \
	  mvn -B -q -Dstyle.color=never -pl functions/$(MODULE) -am -DskipTests $(MAVEN_ARGS) package
	mkdir -p '$(ARTIFACTS_DIR)/lib'
	cp 'functions/$(MODULE)/target/$(MODULE)-$(PROJECT_VERSION)-lambda.jar' '$(ARTIFACTS_DIR)/lib/'
