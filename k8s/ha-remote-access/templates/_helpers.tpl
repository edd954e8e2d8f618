{{/* The three services, in a fixed order. Each template ranges over this list. */}}
{{- define "har.componentNames" -}}
reachability certwatch ddns
{{- end }}

{{/*
The processes the chart runs, each with its own Deployment, ConfigMap and Service: the three
components (assembly three-processes), or "oneProcess", the three services in one JVM (assembly
one-process). Each process template ranges over this list.
*/}}
{{- define "har.processNames" -}}
{{- if eq .Values.assembly "one-process" -}}
oneProcess
{{- else -}}
{{ include "har.componentNames" . }}
{{- end }}
{{- end }}

{{/* Whether a process runs: the one process always does (a disabled service in it checks nothing). */}}
{{- define "har.processEnabled" -}}
{{- if or (eq .c "oneProcess") (index .root.Values .c).enabled }}true{{ end }}
{{- end }}

{{/* The enabled components a process serves. Call with (dict "root" $ "c" "oneProcess"). */}}
{{- define "har.servedComponents" -}}
{{- $root := .root }}
{{- $served := list }}
{{- range $c := splitList " " (include "har.componentNames" $root) }}
{{- if and (index $root.Values $c).enabled (or (eq $.c "oneProcess") (eq $.c $c)) }}
{{- $served = append $served $c }}
{{- end }}
{{- end }}
{{- join " " $served }}
{{- end }}

{{/* The Java service (and container) name of a component, or of the one process. */}}
{{- define "har.serviceName" -}}
{{- $names := dict "reachability" "reachability-service" "certwatch" "cert-watch-service" "ddns" "ddns-service" "oneProcess" "one-process" -}}
{{- index $names . -}}
{{- end }}

{{/* A component's name in object names and labels ("one-process" for the one process). */}}
{{- define "har.componentLabel" -}}
{{- if eq . "oneProcess" }}one-process{{ else }}{{ . }}{{ end }}
{{- end }}

{{- define "har.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name prefix: <release>-<chart> unless the release name already contains the chart name. */}}
{{- define "har.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one component's objects: <fullname>-<component>. Call with (dict "root" $ "c" "ddns"). */}}
{{- define "har.componentFullname" -}}
{{- printf "%s-%s" (include "har.fullname" .root | trunc 50 | trimSuffix "-") (include "har.componentLabel" .c) }}
{{- end }}

{{- define "har.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "har.labels" -}}
helm.sh/chart: {{ include "har.chart" . }}
app.kubernetes.io/name: {{ include "har.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ha-remote-access
{{- end }}

{{/* Labels of one component. Call with (dict "root" $ "c" "ddns"). */}}
{{- define "har.componentLabels" -}}
{{ include "har.labels" .root }}
app.kubernetes.io/component: {{ include "har.componentLabel" .c }}
{{- end }}

{{- define "har.selectorLabels" -}}
app.kubernetes.io/name: {{ include "har.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ include "har.componentLabel" .c }}
{{- end }}

{{- define "har.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "har.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret that holds the API token, or "" when no token is configured. */}}
{{- define "har.apiTokenSecretName" -}}
{{- if .Values.suite.apiToken.existingSecret }}
{{- .Values.suite.apiToken.existingSecret }}
{{- else if .Values.suite.apiToken.value }}
{{- printf "%s-api-token" (include "har.fullname" .) }}
{{- end }}
{{- end }}

{{/* The Secret with a component's secret files, or "". Call with (dict "root" $ "c" "ddns"). */}}
{{- define "har.secretFilesName" -}}
{{- $v := index .root.Values .c }}
{{- if $v.secrets.existingSecret }}
{{- $v.secrets.existingSecret }}
{{- else if $v.secrets.values }}
{{- printf "%s-secrets" (include "har.componentFullname" .) }}
{{- end }}
{{- end }}

{{- define "har.apiTokenMountDir" -}}
/run/secrets/ha-remote-access
{{- end }}

{{/* Base URL Home Assistant uses for a component (suite.public-url). */}}
{{- define "har.publicUrl" -}}
{{- $v := index .root.Values .c }}
{{- if $v.publicUrl }}
{{- $v.publicUrl | trimSuffix "/" }}
{{- else if $v.ingress.enabled }}
{{- printf "%s://%s" (ternary "https" "http" (gt (len $v.ingress.tls) 0)) $v.ingress.host }}
{{- else }}
{{- printf "http://%s.%s.svc:%d" (include "har.componentFullname" .) .root.Release.Namespace (int $v.port) }}
{{- end }}
{{- end }}

{{/*
One service's section of application.yaml, set as (index .doc .c). Call with (dict "root" $
"c" "ddns" "doc" $doc "ddnsUrl" URL): reachability reads ddns-service at ddnsUrl unless its config
names a ddns-url. Fails when a plain secret value appears among the config keys: those belong in a
Secret.
*/}}
{{- define "har.fillSection" -}}
{{- $root := .root }}
{{- $v := index $root.Values .c }}
{{- $cfg := deepCopy (default dict $v.config) }}
{{- if eq .c "reachability" }}
{{- if and $root.Values.ddns.enabled (not (hasKey $cfg "ddns-url")) }}
{{- $_ := set $cfg "ddns-url" .ddnsUrl }}
{{- end }}
{{- end }}
{{- if eq .c "ddns" }}
{{- $_ := set $cfg "state-dir" $v.stateDir }}
{{- end }}
{{- $forbidden := "(?m)^\\s*(-\\s+)?(api-token|token|password|secret|api-key|tsig-secret|private-key)\\s*:" }}
{{- $section := toYaml $cfg }}
{{- if regexMatch $forbidden $section }}
{{- fail (printf "%s.config holds a plain secret (%s): put it in a Secret (%s.secrets) and use the matching *-file key" .c (regexFind $forbidden $section | trim) .c) }}
{{- end }}
{{- $_ := set .doc .c $cfg }}
{{- end }}

{{/*
The application.yaml of a process. Call with (dict "root" $ "c" "ddns"), or "c" "oneProcess" for
the one process: the enabled services' sections side by side (docs/api.md, "One process"), and
reachability reading ddns-service under its mount on loopback.
*/}}
{{- define "har.applicationYaml" -}}
{{- $root := .root }}
{{- $v := index $root.Values .c }}
{{- $suite := dict "protect-reads" $root.Values.suite.protectReads "public-url" (include "har.publicUrl" .) }}
{{- if include "har.apiTokenSecretName" $root }}
{{- $_ := set $suite "api-token-file" (printf "%s/%s" (include "har.apiTokenMountDir" $root) $root.Values.suite.apiToken.key) }}
{{- end }}
{{- $doc := dict "quarkus" (dict "http" (dict "port" (int $v.port))) "suite" $suite }}
{{- if eq .c "oneProcess" }}
{{- $ddnsUrl := printf "http://127.0.0.1:%d/ddns-service" (int $v.port) }}
{{- range $c := compact (splitList " " (include "har.servedComponents" .)) }}
{{- include "har.fillSection" (dict "root" $root "c" $c "doc" $doc "ddnsUrl" $ddnsUrl) }}
{{- end }}
{{- if not $root.Values.ddns.enabled }}
{{- /* ddns-service runs in the one process anyway: its state stays on the state volume. */}}
{{- $_ := set $doc "ddns" (dict "state-dir" $root.Values.ddns.stateDir) }}
{{- end }}
{{- else }}
{{- $ddnsUrl := printf "http://%s:%d" (include "har.componentFullname" (dict "root" $root "c" "ddns")) (int $root.Values.ddns.port) }}
{{- include "har.fillSection" (dict "root" $root "c" .c "doc" $doc "ddnsUrl" $ddnsUrl) }}
{{- end }}
{{- toYaml $doc }}
{{- end }}

{{/*
A component's image: [registry/]repository:tag[@digest]. Call with (dict "root" $ "c" "ddns").
The tag defaults to the chart's appVersion; a digest pins the image whatever the tag says.
*/}}
{{- define "har.image" -}}
{{- $v := index .root.Values .c }}
{{- $registry := $v.image.registry | default .root.Values.imageRegistry | trimSuffix "/" }}
{{- $ref := printf "%s:%s" $v.image.repository ($v.image.tag | default .root.Chart.AppVersion) }}
{{- if $registry }}{{ $ref = printf "%s/%s" $registry $ref }}{{ end }}
{{- if $v.image.digest }}{{ $ref = printf "%s@%s" $ref $v.image.digest }}{{ end }}
{{- $ref }}
{{- end }}
