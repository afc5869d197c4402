package manifests

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Local structs of the custom resources the manifests use, holding the
// fields we set (names as in the operators' CRDs). Decoding is strict, so
// a field that is not here — a typo, or one the operator does not have —
// fails the check; a new field needs its line here first, checked against
// the operator's reference.

// PostgresCluster is a CloudNativePG Cluster (postgresql.cnpg.io/v1).
type PostgresCluster struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              PostgresClusterSpec `json:"spec"`
}

// PostgresClusterSpec is the part of ClusterSpec we use.
type PostgresClusterSpec struct {
	Instances             int                          `json:"instances"`
	ImageName             string                       `json:"imageName,omitempty"`
	PrimaryUpdateStrategy string                       `json:"primaryUpdateStrategy,omitempty"`
	PostgreSQL            *PostgresConfiguration       `json:"postgresql,omitempty"`
	Bootstrap             *PostgresBootstrap           `json:"bootstrap,omitempty"`
	Storage               PostgresStorage              `json:"storage"`
	Affinity              *PostgresAffinity            `json:"affinity,omitempty"`
	Resources             *corev1.ResourceRequirements `json:"resources,omitempty"`
	Backup                *PostgresBackup              `json:"backup,omitempty"`
}

// PostgresConfiguration is PostgreSQL's settings and synchronous replication.
type PostgresConfiguration struct {
	Parameters  map[string]string `json:"parameters,omitempty"`
	Synchronous *struct {
		Method string `json:"method"`
		Number int    `json:"number"`
	} `json:"synchronous,omitempty"`
}

// PostgresBootstrap creates the service's database and owner.
type PostgresBootstrap struct {
	InitDB *struct {
		Database string `json:"database"`
		Owner    string `json:"owner"`
	} `json:"initdb,omitempty"`
}

// PostgresStorage is the instances' volume.
type PostgresStorage struct {
	Size         resource.Quantity `json:"size"`
	StorageClass *string           `json:"storageClass,omitempty"`
}

// PostgresAffinity spreads the instances.
type PostgresAffinity struct {
	EnablePodAntiAffinity *bool  `json:"enablePodAntiAffinity,omitempty"`
	TopologyKey           string `json:"topologyKey,omitempty"`
}

// PostgresBackup is base backups and WAL archiving to an object store.
type PostgresBackup struct {
	RetentionPolicy   string `json:"retentionPolicy,omitempty"`
	BarmanObjectStore *struct {
		DestinationPath string `json:"destinationPath"`
		EndpointURL     string `json:"endpointURL,omitempty"`
		S3Credentials   *struct {
			AccessKeyID     SecretKeySelector `json:"accessKeyId"`
			SecretAccessKey SecretKeySelector `json:"secretAccessKey"`
		} `json:"s3Credentials,omitempty"`
		Wal  *Compression `json:"wal,omitempty"`
		Data *Compression `json:"data,omitempty"`
	} `json:"barmanObjectStore,omitempty"`
}

// SecretKeySelector names a key of a Secret (CloudNativePG's own type).
type SecretKeySelector struct {
	Name string `json:"name"`
	Key  string `json:"key"`
}

// Compression of archived WAL or base backups.
type Compression struct {
	Compression string `json:"compression,omitempty"`
}

// ScheduledBackup is a CloudNativePG ScheduledBackup.
type ScheduledBackup struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		// Schedule has six fields, seconds first.
		Schedule             string `json:"schedule"`
		BackupOwnerReference string `json:"backupOwnerReference,omitempty"`
		Cluster              struct {
			Name string `json:"name"`
		} `json:"cluster"`
	} `json:"spec"`
}

// Certificate is a cert-manager Certificate (cert-manager.io/v1).
type Certificate struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		SecretName  string           `json:"secretName"`
		CommonName  string           `json:"commonName,omitempty"`
		DNSNames    []string         `json:"dnsNames,omitempty"`
		Duration    *metav1.Duration `json:"duration,omitempty"`
		RenewBefore *metav1.Duration `json:"renewBefore,omitempty"`
		IsCA        bool             `json:"isCA,omitempty"`
		Usages      []string         `json:"usages,omitempty"`
		PrivateKey  *struct {
			Algorithm      string `json:"algorithm,omitempty"`
			Size           int    `json:"size,omitempty"`
			RotationPolicy string `json:"rotationPolicy,omitempty"`
		} `json:"privateKey,omitempty"`
		IssuerRef struct {
			Name  string `json:"name"`
			Kind  string `json:"kind,omitempty"`
			Group string `json:"group,omitempty"`
		} `json:"issuerRef"`
	} `json:"spec"`
}

// Issuer is a cert-manager Issuer: self-signed (to bootstrap a CA) or a CA
// whose key pair is in a Secret.
type Issuer struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		SelfSigned *struct{} `json:"selfSigned,omitempty"`
		CA         *struct {
			SecretName string `json:"secretName"`
		} `json:"ca,omitempty"`
	} `json:"spec"`
}

// PrometheusRule is the Prometheus operator's PrometheusRule
// (monitoring.coreos.com/v1); its spec is a Prometheus rule file.
type PrometheusRule struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		Groups []RuleGroup `json:"groups"`
	} `json:"spec"`
}

// RuleGroup is one group of a Prometheus rule file.
type RuleGroup struct {
	Name     string `json:"name"`
	Interval string `json:"interval,omitempty"`
	Rules    []Rule `json:"rules"`
}

// Rule is an alerting or recording rule.
type Rule struct {
	Alert       string            `json:"alert,omitempty"`
	Record      string            `json:"record,omitempty"`
	Expr        string            `json:"expr"`
	For         string            `json:"for,omitempty"`
	Labels      map[string]string `json:"labels,omitempty"`
	Annotations map[string]string `json:"annotations,omitempty"`
}

// PodMonitor tells the Prometheus operator which pods to scrape.
type PodMonitor struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		Selector            metav1.LabelSelector `json:"selector"`
		PodMetricsEndpoints []struct {
			Port        string `json:"port"`
			Path        string `json:"path,omitempty"`
			Interval    string `json:"interval,omitempty"`
			Relabelings []struct {
				SourceLabels []string `json:"sourceLabels,omitempty"`
				TargetLabel  string   `json:"targetLabel,omitempty"`
				Action       string   `json:"action,omitempty"`
				Regex        string   `json:"regex,omitempty"`
				Replacement  string   `json:"replacement,omitempty"`
			} `json:"relabelings,omitempty"`
		} `json:"podMetricsEndpoints"`
	} `json:"spec"`
}
