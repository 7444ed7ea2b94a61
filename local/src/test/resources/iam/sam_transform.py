"""Prints the CloudFormation template that AWS SAM makes of a SAM template, as JSON.

Runs the real transform, aws-sam-translator (the one cfn-lint uses, so it is wherever
.ci/check-template can run), the way cfn-lint drives it: local CodeUri paths become a stand-in S3
location and the region comes from AWS_DEFAULT_REGION. No AWS account is asked anything.
Usage: python3 sam_transform.py template.yaml REGION
"""
import json
import os
import sys

from samtranslator.parser import parser
from samtranslator.translator.translator import Translator
from samtranslator.yaml_helper import yaml_parse


def main(template_path, region):
    with open(template_path, encoding="utf-8") as template_file:
        template = yaml_parse(template_file.read())
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties")
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(properties, dict):
            if isinstance(properties.get("CodeUri"), str):
                properties["CodeUri"] = "s3://code-bucket/code-key"
    os.environ["AWS_DEFAULT_REGION"] = region
    transformed = Translator(managed_policy_map={}, sam_parser=parser.Parser()).translate(
        sam_template=template, parameter_values={})
    json.dump(transformed, sys.stdout, indent=1, sort_keys=True, default=str)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
