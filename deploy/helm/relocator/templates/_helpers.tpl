{{/* The chart's name, or nameOverride. */}}
{{- define "relocator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: the release name alone when it already contains the chart's name. */}}
{{- define "relocator.fullname" -}}
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

{{- define "relocator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "relocator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "relocator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "relocator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: webhook
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "relocator.serviceAccountName" -}}
{{- default (include "relocator.fullname" .) .Values.serviceAccount.name }}
{{- end }}

{{/* The Service the API server calls, and the name of the cert-manager Certificate. */}}
{{- define "relocator.webhookName" -}}
{{- printf "%s-webhook" (include "relocator.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The Secret the server reads: written by Relocator itself (self-managed), by cert-manager, or given. */}}
{{- define "relocator.tlsSecretName" -}}
{{- if eq .Values.tls.mode "secret" }}
{{- required "tls.secretName is required when tls.mode is secret: name a kubernetes.io/tls Secret in the release namespace holding the webhook's certificate" .Values.tls.secretName }}
{{- else }}
{{- printf "%s-tls" (include "relocator.webhookName" .) }}
{{- end }}
{{- end }}

{{/* The caBundle field: PEM text is encoded here, an already encoded value is used as it is. */}}
{{- define "relocator.caBundle" -}}
{{- $ca := required "tls.caBundle is required when tls.mode is secret: give the PEM CA certificate that signed the certificate in tls.secretName" .Values.tls.caBundle | trim }}
{{- if hasPrefix "-----BEGIN" $ca }}
{{- $ca | b64enc }}
{{- else }}
{{- $ca }}
{{- end }}
{{- end }}

{{- define "relocator.image" -}}
{{- $repository := required "image.repository is required: set it to where you pushed the relocator image, for example --set image.repository=<your registry>/relocator" .Values.image.repository }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repository (.Values.image.tag | default .Chart.Version) }}
{{- end }}
{{- end }}
