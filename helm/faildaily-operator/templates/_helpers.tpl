{{/* Names and labels of every object of the chart. */}}

{{- define "faildaily-operator.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's full name: the release name when it already says faildaily-operator. */}}
{{- define "faildaily-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "faildaily-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "faildaily-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "faildaily-operator.labels" -}}
{{ include "faildaily-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: faildaily
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{- define "faildaily-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "faildaily-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The operator image tag, as text. Helm hands a numeric tag over as a number (float64 from a values file,
int64 from --set), which printf "%s" would print as "%!s(float64=2)" and toString as "2.0261124e+07":
so a number is printed as the integer it is (the schema admits no other number). Empty or unset: the
chart's appVersion; 0 is a tag like any other.
*/}}
{{- define "faildaily-operator.imageTag" -}}
{{- $tag := .Values.image.tag -}}
{{- if kindIs "invalid" $tag -}}
{{- $tag = "" -}}
{{- else if kindIs "float64" $tag -}}
{{- $tag = int64 $tag -}}
{{- end -}}
{{- $tag = toString $tag -}}
{{- if eq $tag "" -}}
{{- .Chart.AppVersion -}}
{{- else -}}
{{- $tag -}}
{{- end -}}
{{- end -}}

{{/* The operator image: repository and tag. */}}
{{- define "faildaily-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (include "faildaily-operator.imageTag" .) -}}
{{- end -}}

{{/* "true" when leader election is on: asked for, or implied by more than one replica. */}}
{{- define "faildaily-operator.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicas) 1) -}}true{{- end -}}
{{- end -}}

{{/*
What the operator reads and writes in the namespaces it watches: its own FailDaily objects, the child
objects of every dependent resource in FailDailyReconciler's workflow, and Events. Nothing else, and no
wildcard. RbacRulesTest derives the child kinds from the code and compares them with these rules.
*/}}
{{- define "faildaily-operator.rules" -}}
# The FailDaily objects: watched, finalizer added and removed, status written.
- apiGroups: ["faildaily.io"]
  resources: ["faildailies"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["faildaily.io"]
  resources: ["faildailies/status"]
  verbs: ["get", "patch", "update"]
# Owner references with blockOwnerDeletion on the children need this.
- apiGroups: ["faildaily.io"]
  resources: ["faildailies/finalizers"]
  verbs: ["update", "patch"]
# Child objects (dependent resources).
- apiGroups: [""]
  resources: ["configmaps", "secrets", "services"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# Volumes; deletecollection: deletionPolicy Delete removes an instance's claims by label selector.
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]
- apiGroups: ["apps"]
  resources: ["deployments", "statefulsets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses", "networkpolicies"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# PodDisruptionBudgets of the backend and frontend while they run more than one replica.
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# HorizontalPodAutoscalers of the backend and frontend while spec.<part>.autoscaling is set.
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# Scheduled backups (CronJob), on-demand backups and restores (Jobs).
- apiGroups: ["batch"]
  resources: ["cronjobs", "jobs"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# Pods: those of backup and restore Jobs, whose termination messages say how each run ended, and those
# of the workloads, whose status says why a part is not ready. delete: a database pod stuck on a revision
# the spec no longer asks for is deleted so that the StatefulSet recreates it (forced rollback); RBAC
# cannot narrow this to the operator's own pods, the operator deletes nothing else.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "delete"]
# Phase changes and component problems are recorded as Events on the FailDaily. list: the Events of a
# pod stuck creating its containers say why (a Multi-Attach error), read only while a pod is stuck, with
# a field selector on that pod.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch", "list"]
{{- end -}}
