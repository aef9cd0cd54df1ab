import { describe, expect, test } from '@jest/globals';
import { csvCell, findingsCsv } from '../src/report/csv.js';
import { finding } from './helpers/report.js';

describe('csvCell', () => {
  test('RFC 4180 quoting', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell('')).toBe('');
  });

  test('formula injection is neutralised with a leading quote', () => {
    expect(csvCell('=HYPERLINK("https://evil.example","x")')).toBe('"\'=HYPERLINK(""https://evil.example"",""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell('a=1')).toBe('a=1');
    expect(csvCell(-5)).toBe('-5'); // numbers we wrote are not text
  });

  test('values stay byte-exact: zero-width, bidi and other invisible characters are kept as logged', () => {
    // The CSV is data to join back to CloudTrail and to copy into suppress rules, not a rendering: only formula
    // neutralisation and RFC 4180 quoting change a value. (Pins the decision; the old code did the same.)
    expect(csvCell('Boto3/1.35\u200B.36 md/\uFEFFBotocore \u202Eevil')).toBe('Boto3/1.35\u200B.36 md/\uFEFFBotocore \u202Eevil');
    expect(csvCell('::add-mask::x ##[error]y')).toBe('::add-mask::x ##[error]y');
  });
});

describe('findingsCsv', () => {
  test('header and rows in Splunk column order, CRLF line ends, multi-valued modelIds on separate lines', () => {
    const csv = findingsCsv([
      finding(),
      finding({
        src: '203.0.113.9',
        user: '=cmd|\' /C calc\'!A0',
        user_agent: 'aws-cli/2.15.30 Python/3.11.8, "quoted"',
        vendor_account: null,
        result: null,
        count: 1,
        modelIds: ['amazon.titan-text-express-v1', 'meta.llama3-70b-instruct-v1:0']
      }),
      finding({ user: null, user_agent: null, modelIds: [], firstTime: null, lastTime: null, count: 2 })
    ]);
    expect(csv).toBe(
      'src,user,user_agent,vendor_account,vendor_product,dest,signature,vendor_region,result,result_id,count,firstTime,lastTime,modelIds\r\n' +
        '198.51.100.23,ci-bot,Boto3/1.34.74 md/Botocore#1.34.74 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.74,111122223333,AWS CloudTrail,bedrock.amazonaws.com,InvokeModel,us-east-1,User: arn:aws:iam::111122223333:user/ci-bot is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0 because no identity-based policy allows the bedrock:InvokeModel action,AccessDenied,3,2024-04-09T01:02:03,2024-04-09T01:09:44,anthropic.claude-3-sonnet-20240229-v1:0\r\n' +
        '203.0.113.9,\'=cmd|\' /C calc\'!A0,"aws-cli/2.15.30 Python/3.11.8, ""quoted""",,AWS CloudTrail,bedrock.amazonaws.com,InvokeModel,us-east-1,,AccessDenied,1,2024-04-09T01:02:03,2024-04-09T01:09:44,"amazon.titan-text-express-v1\nmeta.llama3-70b-instruct-v1:0"\r\n' +
        '198.51.100.23,,,111122223333,AWS CloudTrail,bedrock.amazonaws.com,InvokeModel,us-east-1,User: arn:aws:iam::111122223333:user/ci-bot is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0 because no identity-based policy allows the bedrock:InvokeModel action,AccessDenied,2,,,\r\n'
    );
  });

  test('no findings: the header alone', () => {
    expect(findingsCsv([])).toBe('src,user,user_agent,vendor_account,vendor_product,dest,signature,vendor_region,result,result_id,count,firstTime,lastTime,modelIds\r\n');
  });
});
